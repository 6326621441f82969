"""The figures the report's own text (§4.3) cites about the 2015 reflector, shared by the data and analysis tests."""

# Figures §4.3 cites (eindterm, % laag huidig (1+2), % hoog gewenst (4+5)), checked against the text of
# the report: r. 2894/2910 (21; printed "73,%", a misprint of 73,3), 2943/2953 (38), 3060/3064 (41),
# 3081/3083 (39; printed "68,19%"), 3099/3101 (37; printed "46, 6%"), 3216/3224 (50), 3235/3237 (51),
# 3244/3246 (58; printed "80%").
CITED = [
    (21, 43.5, 73.3),
    (38, 40.9, 70.4),
    (41, 47.8, 65.3),
    (39, 47.7, 68.2),
    (37, 46.6, 53.3),
    (50, 36.4, 65.9),
    (51, 36.3, 70.4),
    (58, 31.1, 80.0),
]
# r. 2961: "eindtermen 15 (26.7%) en 17 (25,0%)"; Figuur 20 (r. 3160-3172): 43, 52, 48 and 47.
CITED_LOW_ONLY = [(15, 26.7), (17, 25.0), (43, 8.7), (52, 13.3), (48, 17.4), (47, 17.4)]
