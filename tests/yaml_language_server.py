"""A minimal LSP client for yaml-language-server (npm) over stdio, as VS Code's YAML extension runs it.

Used by tests/test_schema.py when the server is installed (YAML_LANGUAGE_SERVER=path to its bin script,
or `yaml-language-server` on PATH):  npm install --prefix /tmp/yls yaml-language-server
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def server_command() -> list[str] | None:
    found = os.environ.get("YAML_LANGUAGE_SERVER") or shutil.which("yaml-language-server")
    return [found, "--stdio"] if found else None


@dataclass
class Result:
    diagnostics: list[str] = field(default_factory=list)
    completions: list[str] = field(default_factory=list)
    hover: str = ""


def ask(
    root: Path,
    relative: str,
    text: str,
    complete: tuple[int, int] | None = None,
    hover: tuple[int, int] | None = None,
    settings: dict[str, Any] | None = None,
) -> Result:
    """Open `text` as the file `relative` in workspace `root`; diagnostics as 'line:col: message' (from 1),
    completion labels at `complete` and the hover text at `hover` ((line, column) from 0)."""
    command = server_command()
    assert command, "yaml-language-server ontbreekt"
    server = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert server.stdin and server.stdout
    inbox: queue.Queue[dict[str, Any]] = queue.Queue()
    yaml_settings = {
        "validate": True,
        "hover": True,
        "completion": True,
        "schemaStore": {"enable": False},
        "schemas": (settings or {}).get("yaml.schemas", {}),
    }

    def read() -> None:
        out = server.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                byte = out.read(1)
                if not byte:
                    return
                header += byte
            length = next(
                int(line.split(":")[1])
                for line in header.decode().split("\r\n")
                if line.lower().startswith("content-length")
            )
            inbox.put(json.loads(out.read(length)))

    threading.Thread(target=read, daemon=True).start()
    counter = [0]

    def write(message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)  # type: ignore[union-attr]
        server.stdin.flush()  # type: ignore[union-attr]

    def request(method: str, params: dict[str, Any]) -> int:
        counter[0] += 1
        write({"id": counter[0], "method": method, "params": params})
        return counter[0]

    def wait(wanted: Any, timeout: float = 30) -> dict[str, Any] | None:
        end = time.time() + timeout
        while time.time() < end:
            try:
                message = inbox.get(timeout=0.5)
            except queue.Empty:
                continue
            if message.get("method") == "workspace/configuration":
                write({"id": message["id"], "result": [yaml_settings for _ in message["params"]["items"]]})
            elif "id" in message and "method" in message:
                write({"id": message["id"], "result": None})
            elif wanted(message):
                return message
        return None

    try:
        uri = (root / relative).as_uri()
        started = request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {"completion": {"completionItem": {"snippetSupport": True}}},
                },
            },
        )
        wait(lambda m: m.get("id") == started)
        write({"method": "initialized", "params": {}})
        write({"method": "workspace/didChangeConfiguration", "params": {"settings": {"yaml": yaml_settings}}})
        time.sleep(1)
        write(
            {
                "method": "textDocument/didOpen",
                "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
            }
        )
        result = Result()
        published = wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
        for found in (published or {}).get("params", {}).get("diagnostics", []):
            start = found["range"]["start"]
            result.diagnostics.append(f"{start['line'] + 1}:{start['character'] + 1}: {found['message']}")
        if complete:
            asked = request(
                "textDocument/completion",
                {"textDocument": {"uri": uri}, "position": {"line": complete[0], "character": complete[1]}},
            )
            answer = (wait(lambda m: m.get("id") == asked) or {}).get("result") or []
            items = answer["items"] if isinstance(answer, dict) else answer
            result.completions = [item["label"] for item in items]
        if hover:
            asked = request(
                "textDocument/hover",
                {"textDocument": {"uri": uri}, "position": {"line": hover[0], "character": hover[1]}},
            )
            answer = (wait(lambda m: m.get("id") == asked) or {}).get("result") or {}
            result.hover = str((answer.get("contents") or {}).get("value", ""))
        return result
    finally:
        server.kill()
        server.wait()
