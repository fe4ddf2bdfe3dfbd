"""Space version 2's palettes: 256 explicit colour lists (ground first), as data.

Made by :func:`foulard.space.alleles.accents.main` from version 1's palettes (60
Chinese traditional themes, 24 solar terms, 44 OKLCH harmonies, each on a light or a
dark ground); the 52 tonal ones carry a contrasting accent ink. Stored as colours,
not operator calls, so the designs of version 2 never move when a palette operator
changes.
"""

PALETTES = (
    (
        "earth autumn (light) with an accent",
        ("#ddb078", "#7c623f", "#1263b6", "#be9457", "#d2a36c", "#94784f"),
    ),
    (
        "blooming blush (light) with an accent",
        ("#f9d3e3", "#a73766", "#00785e", "#ecb0c1", "#b95a89", "#cc73a0"),
    ),
    (
        "mystic lavender (light) with an accent",
        ("#dcc7e1", "#422256", "#a67eb7", "#367500", "#bba1cb", "#663d74"),
    ),
    (
        "coral warmth (light) with an accent",
        ("#f6bec8", "#b04552", "#dc6b82", "#007572", "#c25160", "#e2a2ac"),
    ),
    (
        "mystic purple (light) with an accent",
        ("#f0cfe3", "#422256", "#a6559d", "#ce93bf", "#007931", "#6c216d"),
    ),
    (
        "golden harvest (light) with an accent",
        ("#fff799", "#595333", "#b6a014", "#5654b5", "#ecd452", "#938f4c"),
    ),
    (
        "warm glow (light) with an accent",
        ("#f8c6b5", "#9f5221", "#ef845d", "#007091", "#f3a694", "#cc5d20"),
    ),
    (
        "amber earth (light) with an accent",
        ("#e5a84b", "#5f4321", "#8b7042", "#2061b6", "#db9b34", "#aa8534"),
    ),
    (
        "forest mist (light) with an accent",
        ("#a8bf8f", "#7e45a1", "#788a6f", "#90a07d", "#5d7259", "#a8b78c"),
    ),
    ("amber glow (light)", ("#fffbc7", "#8f3d2c", "#aa9649", "#d6c560", "#ece093", "#c0ad5e")),
    (
        "soft sand (light) with an accent",
        ("#f5f2e9", "#7c5b3e", "#bfa670", "#305eb7", "#aa8e59", "#eae4d1"),
    ),
    (
        "misty teal (light) with an accent",
        ("#eaeef1", "#6b7d73", "#9d3773", "#b1d5c8", "#80a492", "#d5ebe1"),
    ),
    (
        "jade garden (light) with an accent",
        ("#d5ebe1", "#4f6f46", "#923c88", "#68945c", "#b1d5c8", "#99bcac"),
    ),
    (
        "vibrant spring (light) with an accent",
        ("#c3d94e", "#446a37", "#84a729", "#7748a7", "#9ebc19", "#779649"),
    ),
    (
        "terra cotta (light) with an accent",
        ("#f8c6b5", "#662b1f", "#007288", "#8f3d2c", "#e67762", "#f3a694"),
    ),
    (
        "amber sun (light) with an accent",
        ("#f0c2a2", "#7c461e", "#bc6e37", "#006ba7", "#9f6027", "#d9883d"),
    ),
    (
        "sky waves (light) with an accent",
        ("#d4e5ef", "#003d74", "#6f94cd", "#106898", "#8f5300", "#88abda"),
    ),
    (
        "ocean sky (light) with an accent",
        ("#a3bbdb", "#354e6b", "#855a00", "#2e59a7", "#6f94cd", "#a4abd6"),
    ),
    (
        "neutral earth (light) with an accent",
        ("#d4c9aa", "#585248", "#425ab8", "#70695d", "#a9a082", "#bfb99c"),
    ),
    (
        "warm neutral (light) with an accent",
        ("#ecd9c7", "#5a4b3b", "#0068b1", "#796860", "#ddbb99", "#b49b7f"),
    ),
    ("twilight gold (light)", ("#f5f2e9", "#663d74", "#ce93bf", "#9f6027", "#f2c867", "#a6559d")),
    ("red blue (light)", ("#f5f3f2", "#003460", "#ea5514", "#5aa4ae", "#a2d2e2", "#d12920")),
    ("bloom aqua (light)", ("#d4d3ca", "#226b68", "#b83570", "#80a492", "#dd7694", "#3d8e86")),
    ("flame gold (light)", ("#f5f3f2", "#822327", "#b6a014", "#ecd452", "#b93a26", "#ffee6f")),
    ("ember forest (light)", ("#bec2b3", "#ab1d22", "#4f794a", "#e67762", "#81a380", "#d24735")),
    (
        "smoke green (light) with an accent",
        ("#f5f3f2", "#555f4d", "#395cb8", "#896d47", "#c8b5b3", "#86908a"),
    ),
    ("cherry dream (light)", ("#efefef", "#5f4321", "#dd7694", "#8a1874", "#94784f", "#ecb0c1")),
    ("fire forest (light)", ("#efefef", "#446a37", "#ea5514", "#f5b087", "#6a8d52", "#f18f60")),
    ("field green (light)", ("#edf1bb", "#2a6e3f", "#b6a014", "#68945c", "#a9be7b", "#aa8534")),
    ("desert ocean (light)", ("#d4dde1", "#13393e", "#9e2a22", "#5aa4ae", "#d77f66", "#006d87")),
    ("golden abyss (light)", ("#f2c867", "#12264f", "#2e59a7", "#b2b6b6", "#bf9c46", "#06436f")),
    ("forest flame (light)", ("#edf1bb", "#822327", "#779649", "#d24735", "#d9883d", "#4f6f46")),
    ("earth renewal (light)", ("#d4c9aa", "#2a6e3f", "#a58a5f", "#6c8650", "#c6a268", "#8b7042")),
    ("fire ice (light)", ("#efefef", "#a72126", "#80a492", "#226b68", "#f29a76", "#e60012")),
    ("magic garden (light)", ("#f5f2e9", "#446a37", "#ce93bf", "#7e527f", "#cdd171", "#68945c")),
    ("sunrise meadow (light)", ("#f8c6b5", "#2a6e3f", "#92905d", "#f29a76", "#bec2b3", "#6c8650")),
    ("sea sand (light)", ("#efefef", "#003460", "#94784f", "#5f4321", "#6e9bc5", "#2e59a7")),
    ("ocean rose (light)", ("#eae5e3", "#13393e", "#c35c5d", "#6e9bc5", "#7c191e", "#f091a0")),
    ("sky flare (light)", ("#f5f3f2", "#003460", "#cc5d20", "#6e9bc5", "#2e59a7", "#db9c5e")),
    (
        "orange purple duet (light)",
        ("#d3ccd6", "#6c216d", "#ea5514", "#9b8ea9", "#7e527f", "#f18f60"),
    ),
    ("vivid move (light)", ("#d9883d", "#454659", "#a6559d", "#108b96", "#e60012", "#84a729")),
    ("deep classic (light)", ("#f7eead", "#422517", "#7a7b78", "#c8161d", "#2a6e3f", "#19325f")),
    ("bright summer (light)", ("#ffef6f", "#b83570", "#4c8045", "#6e9bc5", "#f5b087", "#e60012")),
    ("bold mix (light)", ("#fedc5e", "#003460", "#c8161d", "#6e9bc5", "#b6a014", "#a6559d")),
    ("soft summer (light)", ("#fff799", "#c12c1f", "#6e9bc5", "#a6559d", "#d6bc46", "#f0c2a2")),
    (
        "cool warm (light) with an accent",
        ("#ebeddf", "#343041", "#b4884d", "#8f1d22", "#9aa7b1", "#00718c"),
    ),
    ("soft pastel (light)", ("#f9d3e3", "#68945c", "#d5b45c", "#aed0ee")),
    ("garden song (light)", ("#fedc5e", "#6e9bc5", "#f091a0", "#68945c", "#bba1cb", "#f5b087")),
    ("gold night (light)", ("#fff799", "#12264f", "#ba5140", "#e5a84b", "#6b5458", "#ebeee8")),
    ("spring blossom (light)", ("#edf1bb", "#6c8650", "#f29a76", "#9bb496", "#d6c560", "#f6bec8")),
    ("dew garden (light)", ("#e3eb98", "#6c8650", "#ba79b1", "#a2d2e2", "#e67762", "#d4e5ef")),
    ("early summer (light)", ("#fedc5e", "#106898", "#c12c1f", "#a67eb7", "#9bb496", "#6b798e")),
    ("fire bloom (light)", ("#c3d94e", "#003460", "#e94829", "#446a37", "#ba79b1", "#f5b087")),
    ("morning breeze (light)", ("#d4e5ef", "#e67762", "#8ba3c7", "#fedc5e", "#9bb496", "#c0d695")),
    ("garden dawn (light)", ("#edf1bb", "#d23918", "#779649", "#f091a0", "#a9be7b", "#9b8ea9")),
    ("autumn deep (light)", ("#c4b798", "#903754", "#bd8253", "#6ca8af", "#775039", "#d2a36c")),
    ("calm journey (light)", ("#b2bfc3", "#68361a", "#106898", "#5d8351", "#9e4e56", "#9c8d9b")),
    ("cloud haze (light)", ("#e0e0d0", "#7c191e", "#6f94cd", "#a8bf8f", "#6c216d", "#7a7b78")),
    ("bright sky (light)", ("#fedc5e", "#3271ae", "#e60012", "#8ba3c7", "#a6559d", "#c0d695")),
    ("night gold (light)", ("#b6a014", "#12264f", "#c12c1f", "#6b798e", "#a88787", "#70695d")),
    (
        "solar term lichun (light)",
        ("#fff799", "#422517", "#ee7959", "#80a492", "#775039", "#b1d5c8"),
    ),
    (
        "solar term yushui (light)",
        ("#f9d3e3", "#7c461e", "#e18a3b", "#a76283", "#779649", "#c0d695"),
    ),
    (
        "solar term jingzhe (light)",
        ("#fedc5e", "#45465e", "#dc6b82", "#9e2a22", "#6b798e", "#db9b34"),
    ),
    (
        "solar term chunfen (light)",
        ("#ebeee8", "#284852", "#ea5514", "#3271ae", "#a72126", "#d2af9d"),
    ),
    (
        "solar term qingming (light) with an accent",
        ("#d3ccd6", "#422256", "#007950", "#9d9d82", "#663d74", "#a73766"),
    ),
    ("solar term guyu (light)", ("#dcc7e1", "#13393e", "#bd8253", "#7d5284", "#446a37", "#6e9bc5")),
    (
        "solar term lixia (light)",
        ("#dfceb4", "#70695d", "#ed6d3d", "#84a729", "#a8a19c", "#b7d332"),
    ),
    (
        "solar term xiaoman (light)",
        ("#f2c867", "#b81a35", "#2a6e3f", "#d08635", "#e2a2ac", "#9f6027"),
    ),
    (
        "solar term mangzhong (light) with an accent",
        ("#d5d1ae", "#343041", "#4858b7", "#535164", "#be9457", "#b3b59c"),
    ),
    (
        "solar term xiazhi (light) with an accent",
        ("#f5f3f2", "#95302e", "#00718b", "#7a7b78", "#cb523e", "#f0c2a2"),
    ),
    (
        "solar term xiaoshu (light)",
        ("#e0dfc6", "#003460", "#877d52", "#f18f60", "#873424", "#106898"),
    ),
    (
        "solar term dashu (light)",
        ("#edf1bb", "#698e6a", "#e3adb9", "#b27777", "#9bb496", "#cdd171"),
    ),
    (
        "solar term liqiu (light)",
        ("#efefef", "#595333", "#6f94cd", "#2e59a7", "#938f4c", "#c6beb1"),
    ),
    (
        "solar term chushu (light)",
        ("#f0cfe3", "#108b96", "#ba79b1", "#aa8534", "#87c0ca", "#d5b45c"),
    ),
    (
        "solar term bailu (light) with an accent",
        ("#f5f2e9", "#45493d", "#86908a", "#3b5cb8", "#7c623f", "#dfd6b8"),
    ),
    (
        "solar term qiufen (light)",
        ("#eaeef1", "#8f3d2c", "#4994c4", "#aa9649", "#b2bfc3", "#006d87"),
    ),
    (
        "solar term hanlu (light)",
        ("#ecd9c7", "#003d74", "#9f5221", "#8ba3c7", "#da9233", "#5f766a"),
    ),
    (
        "solar term shuangjiang (light) with an accent",
        ("#dfd7c2", "#631216", "#007382", "#d12920", "#5c4f55", "#da9e8c"),
    ),
    (
        "solar term lidong (light)",
        ("#fffbc7", "#662b2f", "#5da39d", "#206864", "#d6c560", "#9e696d"),
    ),
    (
        "solar term xiaoxue (light)",
        ("#d4e5ef", "#72453a", "#de82a7", "#8aabcc", "#b0436f", "#9e8368"),
    ),
    (
        "solar term daxue (light)",
        ("#eeead9", "#3f503b", "#b04552", "#a4abd6", "#615ea8", "#788a6f"),
    ),
    (
        "solar term dongzhi (light)",
        ("#ebe1a9", "#46433b", "#bb7a8c", "#daa9a9", "#9e4e56", "#be8a2f"),
    ),
    (
        "solar term xiaohan (light)",
        ("#f6f9e4", "#151d29", "#7d929f", "#68361a", "#226b68", "#cab272"),
    ),
    (
        "solar term dahan (light)",
        ("#ebe3c7", "#420b2f", "#995d7f", "#694b3c", "#92896b", "#c8b6bb"),
    ),
    (
        "split_complementary harmony at 0 degrees (light)",
        ("#feeaef", "#bd5b7d", "#3b9555", "#0090a2", "#7f3650", "#1b6231"),
    ),
    (
        "split_complementary harmony at 32.73 degrees (light)",
        ("#ffebe7", "#c15f4c", "#009586", "#2587c7", "#82392a", "#006056"),
    ),
    (
        "split_complementary harmony at 65.45 degrees (light)",
        ("#fbeee1", "#b46d0f", "#008fa8", "#6b78cd", "#774500", "#005d6e"),
    ),
    (
        "split_complementary harmony at 98.18 degrees (light)",
        ("#f4f1e0", "#948000", "#3685ca", "#9669bb", "#605200", "#175689"),
    ),
    (
        "split_complementary harmony at 130.91 degrees (light)",
        ("#ebf3e4", "#648f34", "#7375cb", "#b35e97", "#3d5e16", "#494a8b"),
    ),
    (
        "split_complementary harmony at 163.64 degrees (light)",
        ("#e4f5ec", "#00976b", "#9c67b6", "#c15c69", "#006244", "#673f7b"),
    ),
    (
        "split_complementary harmony at 196.36 degrees (light)",
        ("#e0f5f5", "#009394", "#b65d90", "#be6435", "#005f60", "#7a375e"),
    ),
    (
        "split_complementary harmony at 229.09 degrees (light)",
        ("#e2f3fc", "#008cb8", "#c15c61", "#a87600", "#005b79", "#83373b"),
    ),
    (
        "split_complementary harmony at 261.82 degrees (light)",
        ("#e8f1ff", "#547ecd", "#bc672c", "#83870a", "#31518c", "#7e3f0e"),
    ),
    (
        "split_complementary harmony at 294.55 degrees (light)",
        ("#f1eefe", "#866fc5", "#a27900", "#49944c", "#574586", "#694d00"),
    ),
    (
        "split_complementary harmony at 327.27 degrees (light)",
        ("#f9ebf8", "#a862a8", "#7b8a19", "#00957f", "#703b70", "#4f5900"),
    ),
    (
        "complementary harmony at 0 degrees (light)",
        ("#feeaef", "#bd5b7d", "#009583", "#7f3650", "#006154", "#e895ae"),
    ),
    (
        "complementary harmony at 32.73 degrees (light)",
        ("#ffebe7", "#c15f4c", "#0090a5", "#82392a", "#005d6c", "#ec9886"),
    ),
    (
        "complementary harmony at 65.45 degrees (light)",
        ("#fbeee1", "#b46d0f", "#2e86c8", "#774500", "#0e5688", "#dfa367"),
    ),
    (
        "complementary harmony at 98.18 degrees (light)",
        ("#f4f1e0", "#948000", "#6f76cc", "#605200", "#464b8b", "#c2b260"),
    ),
    (
        "complementary harmony at 130.91 degrees (light)",
        ("#ebf3e4", "#648f34", "#9968b9", "#3d5e16", "#65407d", "#9abf77"),
    ),
    (
        "complementary harmony at 163.64 degrees (light)",
        ("#e4f5ec", "#00976b", "#b55e94", "#006244", "#793861", "#6cc69f"),
    ),
    (
        "complementary harmony at 196.36 degrees (light)",
        ("#e0f5f5", "#009394", "#c15c65", "#005f60", "#82363e", "#4fc6c7"),
    ),
    (
        "complementary harmony at 229.09 degrees (light)",
        ("#e2f3fc", "#008cb8", "#bd6531", "#005b79", "#7f3e13", "#62bee6"),
    ),
    (
        "complementary harmony at 261.82 degrees (light)",
        ("#e8f1ff", "#547ecd", "#a57700", "#31518c", "#6b4c00", "#8cb1f4"),
    ),
    (
        "complementary harmony at 294.55 degrees (light)",
        ("#f1eefe", "#866fc5", "#7f8813", "#574586", "#525800", "#b5a4ed"),
    ),
    (
        "complementary harmony at 327.27 degrees (light)",
        ("#f9ebf8", "#a862a8", "#429550", "#703b70", "#21622e", "#d599d4"),
    ),
    (
        "triadic harmony at 0 degrees (light)",
        ("#feeaef", "#bd5b7d", "#778b20", "#1a89c5", "#7f3650", "#4c5a00"),
    ),
    (
        "triadic harmony at 32.73 degrees (light)",
        ("#ffebe7", "#c15f4c", "#339659", "#6779cd", "#82392a", "#136335"),
    ),
    (
        "triadic harmony at 65.45 degrees (light)",
        ("#fbeee1", "#b46d0f", "#009489", "#936abe", "#774500", "#006058"),
    ),
    (
        "triadic harmony at 98.18 degrees (light)",
        ("#f4f1e0", "#948000", "#008fab", "#b15f9b", "#605200", "#005d70"),
    ),
    (
        "triadic harmony at 130.91 degrees (light)",
        ("#ebf3e4", "#648f34", "#3d84cb", "#c05b6d", "#3d5e16", "#1d558a"),
    ),
    (
        "triadic harmony at 163.64 degrees (light)",
        ("#e4f5ec", "#00976b", "#7774cb", "#bf633a", "#006244", "#4c498a"),
    ),
    (
        "triadic harmony at 196.36 degrees (light)",
        ("#e0f5f5", "#009394", "#9e66b4", "#aa7400", "#005f60", "#693e79"),
    ),
    (
        "triadic harmony at 229.09 degrees (light)",
        ("#e2f3fc", "#008cb8", "#b85d8c", "#878601", "#005b79", "#7b375c"),
    ),
    (
        "triadic harmony at 261.82 degrees (light)",
        ("#e8f1ff", "#547ecd", "#c25d5c", "#4f9347", "#31518c", "#833738"),
    ),
    (
        "triadic harmony at 294.55 degrees (light)",
        ("#f1eefe", "#866fc5", "#ba6827", "#00967c", "#574586", "#7d4008"),
    ),
    (
        "triadic harmony at 327.27 degrees (light)",
        ("#f9ebf8", "#a862a8", "#9f7a00", "#00919f", "#703b70", "#684e00"),
    ),
    (
        "tetradic harmony at 0 degrees (light)",
        ("#feeaef", "#bd5b7d", "#009583", "#b76b1c", "#1a89c5", "#7f3650"),
    ),
    (
        "tetradic harmony at 32.73 degrees (light)",
        ("#ffebe7", "#c15f4c", "#0090a5", "#9a7d00", "#6779cd", "#82392a"),
    ),
    (
        "tetradic harmony at 65.45 degrees (light)",
        ("#fbeee1", "#b46d0f", "#2e86c8", "#6e8d2a", "#936abe", "#774500"),
    ),
    (
        "tetradic harmony at 98.18 degrees (light)",
        ("#f4f1e0", "#948000", "#6f76cc", "#209762", "#b15f9b", "#605200"),
    ),
    (
        "tetradic harmony at 130.91 degrees (light)",
        ("#ebf3e4", "#648f34", "#9968b9", "#00938f", "#c05b6d", "#3d5e16"),
    ),
    (
        "tetradic harmony at 163.64 degrees (light)",
        ("#e4f5ec", "#00976b", "#b55e94", "#008eb1", "#bf633a", "#006244"),
    ),
    (
        "tetradic harmony at 196.36 degrees (light)",
        ("#e0f5f5", "#009394", "#c15c65", "#4981cc", "#aa7400", "#005f60"),
    ),
    (
        "tetradic harmony at 229.09 degrees (light)",
        ("#e2f3fc", "#008cb8", "#bd6531", "#7f71c8", "#878601", "#005b79"),
    ),
    (
        "tetradic harmony at 261.82 degrees (light)",
        ("#e8f1ff", "#547ecd", "#a57700", "#a464ae", "#4f9347", "#31518c"),
    ),
    (
        "tetradic harmony at 294.55 degrees (light)",
        ("#f1eefe", "#866fc5", "#7f8813", "#bb5c85", "#00967c", "#574586"),
    ),
    (
        "tetradic harmony at 327.27 degrees (light)",
        ("#f9ebf8", "#a862a8", "#429550", "#c25e54", "#00919f", "#703b70"),
    ),
    (
        "earth autumn (dark) with an accent",
        ("#7c623f", "#ddb078", "#78bbff", "#be9457", "#d2a36c", "#94784f"),
    ),
    (
        "blooming blush (dark) with an accent",
        ("#a73766", "#f9d3e3", "#00d6b0", "#ecb0c1", "#b95a89", "#cc73a0"),
    ),
    (
        "mystic lavender (dark) with an accent",
        ("#422256", "#dcc7e1", "#a67eb7", "#8acd68", "#bba1cb", "#663d74"),
    ),
    (
        "coral warmth (dark) with an accent",
        ("#9e4e56", "#f6bec8", "#dc6b82", "#00d5ce", "#c25160", "#e2a2ac"),
    ),
    (
        "mystic purple (dark) with an accent",
        ("#422256", "#d3ccd6", "#a6559d", "#ce93bf", "#69d282", "#6c216d"),
    ),
    (
        "golden harvest (dark) with an accent",
        ("#595333", "#fff799", "#b6a014", "#a8acff", "#ecd452", "#938f4c"),
    ),
    (
        "warm glow (dark) with an accent",
        ("#9f5221", "#f8c6b5", "#ef845d", "#00ccfb", "#f3a694", "#cc5d20"),
    ),
    (
        "amber earth (dark) with an accent",
        ("#5f4321", "#e5a84b", "#8b7042", "#7eb9ff", "#db9b34", "#aa8534"),
    ),
    (
        "forest mist (dark) with an accent",
        ("#555f4d", "#d59afe", "#788a6f", "#90a07d", "#5d7259", "#a8b78c"),
    ),
    ("amber glow (dark)", ("#8f3d2c", "#fffbc7", "#aa9649", "#d6c560", "#ece093", "#c0ad5e")),
    (
        "soft sand (dark) with an accent",
        ("#7c5b3e", "#88b7ff", "#bfa670", "#dfd6b8", "#aa8e59", "#eae4d1"),
    ),
    (
        "misty teal (dark) with an accent",
        ("#6b7d73", "#fc8dc9", "#99bcac", "#b1d5c8", "#80a492", "#d5ebe1"),
    ),
    (
        "jade garden (dark) with an accent",
        ("#2a6e3f", "#d5ebe1", "#f190dd", "#68945c", "#b1d5c8", "#99bcac"),
    ),
    (
        "vibrant spring (dark) with an accent",
        ("#446a37", "#c3d94e", "#84a729", "#cd9dff", "#9ebc19", "#779649"),
    ),
    (
        "terra cotta (dark) with an accent",
        ("#662b1f", "#00cff0", "#cb523e", "#8f3d2c", "#e67762", "#f3a694"),
    ),
    (
        "amber sun (dark) with an accent",
        ("#7c461e", "#f0c2a2", "#bc6e37", "#43c3ff", "#9f6027", "#d9883d"),
    ),
    (
        "sky waves (dark) with an accent",
        ("#003d74", "#d4e5ef", "#6f94cd", "#106898", "#f3a536", "#88abda"),
    ),
    (
        "ocean sky (dark) with an accent",
        ("#354e6b", "#e7ac2a", "#5976ba", "#2e59a7", "#6f94cd", "#a4abd6"),
    ),
    (
        "neutral earth (dark) with an accent",
        ("#585248", "#95b3ff", "#92897b", "#70695d", "#a9a082", "#bfb99c"),
    ),
    (
        "warm neutral (dark) with an accent",
        ("#5a4b3b", "#ecd9c7", "#5cc0ff", "#796860", "#ddbb99", "#b49b7f"),
    ),
    ("twilight gold (dark)", ("#663d74", "#f5f2e9", "#ce93bf", "#9f6027", "#f2c867", "#a6559d")),
    ("red blue (dark)", ("#003460", "#f5f3f2", "#ea5514", "#5aa4ae", "#a2d2e2", "#d12920")),
    ("bloom aqua (dark)", ("#226b68", "#d4d3ca", "#b83570", "#80a492", "#dd7694", "#3d8e86")),
    ("flame gold (dark)", ("#822327", "#f5f3f2", "#b6a014", "#ecd452", "#b93a26", "#ffee6f")),
    ("ember forest (dark)", ("#ab1d22", "#bec2b3", "#4f794a", "#e67762", "#81a380", "#d24735")),
    (
        "smoke green (dark) with an accent",
        ("#555f4d", "#f5f3f2", "#8eb5ff", "#896d47", "#c8b5b3", "#86908a"),
    ),
    ("cherry dream (dark)", ("#5f4321", "#efefef", "#dd7694", "#8a1874", "#94784f", "#ecb0c1")),
    ("fire forest (dark)", ("#2a6e3f", "#efefef", "#ea5514", "#f5b087", "#6a8d52", "#f18f60")),
    ("field green (dark)", ("#2a6e3f", "#d8de8a", "#aa8534", "#a9be7b", "#68945c", "#b6a014")),
    ("desert ocean (dark)", ("#13393e", "#d4dde1", "#9e2a22", "#5aa4ae", "#d77f66", "#006d87")),
    ("golden abyss (dark)", ("#12264f", "#f2c867", "#2e59a7", "#b2b6b6", "#bf9c46", "#06436f")),
    ("forest flame (dark)", ("#822327", "#c0d695", "#779649", "#d24735", "#d9883d", "#4f6f46")),
    ("earth renewal (dark)", ("#2a6e3f", "#e1c199", "#a58a5f", "#6c8650", "#c6a268", "#8b7042")),
    ("fire ice (dark)", ("#a72126", "#efefef", "#80a492", "#226b68", "#f29a76", "#e60012")),
    ("magic garden (dark)", ("#446a37", "#f0cfe3", "#7e527f", "#cdd171", "#ce93bf", "#68945c")),
    ("sunrise meadow (dark)", ("#2a6e3f", "#f8c6b5", "#92905d", "#f29a76", "#bec2b3", "#6c8650")),
    ("sea sand (dark)", ("#003460", "#efefef", "#94784f", "#5f4321", "#6e9bc5", "#2e59a7")),
    ("ocean rose (dark)", ("#13393e", "#eae5e3", "#c35c5d", "#6e9bc5", "#7c191e", "#f091a0")),
    ("sky flare (dark)", ("#003460", "#aed0ee", "#cc5d20", "#6e9bc5", "#2e59a7", "#db9c5e")),
    (
        "orange purple duet (dark)",
        ("#422256", "#d3ccd6", "#ea5514", "#9b8ea9", "#7e527f", "#f18f60"),
    ),
    ("vivid move (dark)", ("#454659", "#d9883d", "#a6559d", "#108b96", "#e60012", "#84a729")),
    ("deep classic (dark)", ("#422517", "#f7eead", "#7a7b78", "#c8161d", "#2a6e3f", "#19325f")),
    ("bright summer (dark)", ("#b83570", "#ffef6f", "#4c8045", "#6e9bc5", "#f5b087", "#e60012")),
    ("bold mix (dark)", ("#003460", "#fedc5e", "#c8161d", "#6e9bc5", "#b6a014", "#a6559d")),
    ("soft summer (dark)", ("#c12c1f", "#fff799", "#6e9bc5", "#a6559d", "#d6bc46", "#f0c2a2")),
    (
        "cool warm (dark) with an accent",
        ("#343041", "#ebeddf", "#b4884d", "#8f1d22", "#9aa7b1", "#00cdf6"),
    ),
    ("soft pastel (dark)", ("#68945c", "#f9d3e3", "#d5b45c", "#aed0ee")),
    ("garden song (dark)", ("#68945c", "#fedc5e", "#f091a0", "#6e9bc5", "#bba1cb", "#f5b087")),
    ("gold night (dark)", ("#12264f", "#fff799", "#ba5140", "#e5a84b", "#6b5458", "#ebeee8")),
    ("spring blossom (dark)", ("#6c8650", "#edf1bb", "#f29a76", "#9bb496", "#d6c560", "#f6bec8")),
    ("dew garden (dark)", ("#6c8650", "#d4e5ef", "#ba79b1", "#e67762", "#e3eb98", "#a2d2e2")),
    ("early summer (dark)", ("#106898", "#fedc5e", "#c12c1f", "#a67eb7", "#9bb496", "#6b798e")),
    ("fire bloom (dark)", ("#003460", "#c3d94e", "#e94829", "#446a37", "#ba79b1", "#f5b087")),
    ("morning breeze (dark)", ("#e67762", "#d4e5ef", "#8ba3c7", "#fedc5e", "#9bb496", "#c0d695")),
    ("garden dawn (dark)", ("#4f6f46", "#edf1bb", "#d23918", "#f091a0", "#a9be7b", "#9b8ea9")),
    ("autumn deep (dark)", ("#775039", "#d2a36c", "#6ca8af", "#903754", "#bd8253", "#a7aaa1")),
    ("calm journey (dark)", ("#68361a", "#b2bfc3", "#106898", "#5d8351", "#9e4e56", "#9c8d9b")),
    ("cloud haze (dark)", ("#7c191e", "#e0e0d0", "#6f94cd", "#a8bf8f", "#6c216d", "#7a7b78")),
    ("bright sky (dark)", ("#3271ae", "#fedc5e", "#e60012", "#8ba3c7", "#a6559d", "#c0d695")),
    ("night gold (dark)", ("#12264f", "#b6a014", "#c12c1f", "#6b798e", "#a88787", "#70695d")),
    (
        "solar term lichun (dark)",
        ("#422517", "#fff799", "#ee7959", "#80a492", "#775039", "#b1d5c8"),
    ),
    (
        "solar term yushui (dark)",
        ("#7c461e", "#c0d695", "#779649", "#a76283", "#e18a3b", "#ecb0c1"),
    ),
    (
        "solar term jingzhe (dark)",
        ("#2c2f3b", "#f6bec8", "#6b798e", "#9e2a22", "#dc6b82", "#db9b34"),
    ),
    (
        "solar term chunfen (dark)",
        ("#12264f", "#ebeee8", "#ea5514", "#3271ae", "#a72126", "#d2af9d"),
    ),
    (
        "solar term qingming (dark) with an accent",
        ("#422256", "#bec2b3", "#2bd5a4", "#9d9d82", "#663d74", "#a73766"),
    ),
    ("solar term guyu (dark)", ("#13393e", "#dcc7e1", "#bd8253", "#7d5284", "#446a37", "#6e9bc5")),
    ("solar term lixia (dark)", ("#70695d", "#b7d332", "#ed6d3d", "#a8a19c", "#dfceb4", "#84a729")),
    (
        "solar term xiaoman (dark)",
        ("#2a6e3f", "#f2c867", "#b81a35", "#d08635", "#e2a2ac", "#9f6027"),
    ),
    (
        "solar term mangzhong (dark) with an accent",
        ("#1e2732", "#a4aeff", "#868c4e", "#535164", "#be9457", "#b3b59c"),
    ),
    (
        "solar term xiazhi (dark) with an accent",
        ("#822327", "#f5f3f2", "#00cef4", "#cb523e", "#7a7b78", "#f0c2a2"),
    ),
    (
        "solar term xiaoshu (dark)",
        ("#4c1e1a", "#e0dfc6", "#877d52", "#f18f60", "#106898", "#003460"),
    ),
    ("solar term dashu (dark)", ("#896d47", "#edf1bb", "#9bb496", "#e3adb9", "#cdd171", "#aa8e59")),
    ("solar term liqiu (dark)", ("#595333", "#efefef", "#6f94cd", "#2e59a7", "#938f4c", "#c6beb1")),
    (
        "solar term chushu (dark)",
        ("#108b96", "#f0cfe3", "#ba79b1", "#aa8534", "#87c0ca", "#d5b45c"),
    ),
    (
        "solar term bailu (dark) with an accent",
        ("#45493d", "#90b4ff", "#86908a", "#c8b5b3", "#7c623f", "#dfd6b8"),
    ),
    (
        "solar term qiufen (dark)",
        ("#683632", "#eaeef1", "#4994c4", "#aa9649", "#b2bfc3", "#006d87"),
    ),
    ("solar term hanlu (dark)", ("#1a2847", "#ecd9c7", "#9f5221", "#8ba3c7", "#da9233", "#5f766a")),
    (
        "solar term shuangjiang (dark) with an accent",
        ("#631216", "#00d1e9", "#91828f", "#d12920", "#5c4f55", "#da9e8c"),
    ),
    (
        "solar term lidong (dark)",
        ("#662b2f", "#fffbc7", "#5da39d", "#206864", "#d6c560", "#9e696d"),
    ),
    (
        "solar term xiaoxue (dark)",
        ("#72453a", "#d4e5ef", "#de82a7", "#8aabcc", "#b0436f", "#9e8368"),
    ),
    ("solar term daxue (dark)", ("#3f503b", "#eeead9", "#b04552", "#a4abd6", "#615ea8", "#788a6f")),
    (
        "solar term dongzhi (dark)",
        ("#31322c", "#e7cad3", "#9e4e56", "#be8a2f", "#d6bc46", "#bb7a8c"),
    ),
    (
        "solar term xiaohan (dark)",
        ("#151d29", "#f6f9e4", "#7d929f", "#68361a", "#226b68", "#cab272"),
    ),
    ("solar term dahan (dark)", ("#420b2f", "#ebe3c7", "#995d7f", "#694b3c", "#92896b", "#c8b6bb")),
    (
        "split_complementary harmony at 0 degrees (dark)",
        ("#311921", "#bd5b7d", "#3b9555", "#0090a2", "#e895ae", "#7fc48d"),
    ),
    (
        "split_complementary harmony at 32.73 degrees (dark)",
        ("#321a15", "#c15f4c", "#009586", "#2587c7", "#ec9886", "#57c7b7"),
    ),
    (
        "split_complementary harmony at 65.45 degrees (dark)",
        ("#2e1e0c", "#b46d0f", "#008fa8", "#6b78cd", "#dfa367", "#55c2db"),
    ),
    (
        "split_complementary harmony at 98.18 degrees (dark)",
        ("#27220a", "#948000", "#3685ca", "#9669bb", "#c2b260", "#7ab7f1"),
    ),
    (
        "split_complementary harmony at 130.91 degrees (dark)",
        ("#1b2511", "#648f34", "#7375cb", "#b35e97", "#9abf77", "#a5a9f3"),
    ),
    (
        "split_complementary harmony at 163.64 degrees (dark)",
        ("#0d271c", "#00976b", "#9c67b6", "#c15c69", "#6cc69f", "#c99de0"),
    ),
    (
        "split_complementary harmony at 196.36 degrees (dark)",
        ("#042728", "#009394", "#b65d90", "#be6435", "#4fc6c7", "#e296bf"),
    ),
    (
        "split_complementary harmony at 229.09 degrees (dark)",
        ("#0a2531", "#008cb8", "#c15c61", "#a87600", "#62bee6", "#ec9596"),
    ),
    (
        "split_complementary harmony at 261.82 degrees (dark)",
        ("#172234", "#547ecd", "#bc672c", "#83870a", "#8cb1f4", "#e69e72"),
    ),
    (
        "split_complementary harmony at 294.55 degrees (dark)",
        ("#231e32", "#866fc5", "#a27900", "#49944c", "#b5a4ed", "#d0ac5f"),
    ),
    (
        "split_complementary harmony at 327.27 degrees (dark)",
        ("#2c1b2b", "#a862a8", "#7b8a19", "#00957f", "#d599d4", "#acba6b"),
    ),
    (
        "complementary harmony at 0 degrees (dark)",
        ("#311921", "#bd5b7d", "#009583", "#e895ae", "#59c7b4", "#7f3650"),
    ),
    (
        "complementary harmony at 32.73 degrees (dark)",
        ("#321a15", "#c15f4c", "#0090a5", "#ec9886", "#53c3d9", "#82392a"),
    ),
    (
        "complementary harmony at 65.45 degrees (dark)",
        ("#2e1e0c", "#b46d0f", "#2e86c8", "#dfa367", "#76b8f0", "#774500"),
    ),
    (
        "complementary harmony at 98.18 degrees (dark)",
        ("#27220a", "#948000", "#6f76cc", "#c2b260", "#a1aaf3", "#605200"),
    ),
    (
        "complementary harmony at 130.91 degrees (dark)",
        ("#1b2511", "#648f34", "#9968b9", "#9abf77", "#c69ee3", "#3d5e16"),
    ),
    (
        "complementary harmony at 163.64 degrees (dark)",
        ("#0d271c", "#00976b", "#b55e94", "#6cc69f", "#e096c2", "#006244"),
    ),
    (
        "complementary harmony at 196.36 degrees (dark)",
        ("#042728", "#009394", "#c15c65", "#4fc6c7", "#ec959a", "#005f60"),
    ),
    (
        "complementary harmony at 229.09 degrees (dark)",
        ("#0a2531", "#008cb8", "#bd6531", "#62bee6", "#e89d74", "#005b79"),
    ),
    (
        "complementary harmony at 261.82 degrees (dark)",
        ("#172234", "#547ecd", "#a57700", "#8cb1f4", "#d3aa5f", "#31518c"),
    ),
    (
        "complementary harmony at 294.55 degrees (dark)",
        ("#231e32", "#866fc5", "#7f8813", "#b5a4ed", "#afb969", "#574586"),
    ),
    (
        "complementary harmony at 327.27 degrees (dark)",
        ("#2c1b2b", "#a862a8", "#429550", "#d599d4", "#83c48a", "#703b70"),
    ),
    (
        "triadic harmony at 0 degrees (dark)",
        ("#311921", "#bd5b7d", "#778b20", "#1a89c5", "#e895ae", "#a8bb6d"),
    ),
    (
        "triadic harmony at 32.73 degrees (dark)",
        ("#321a15", "#c15f4c", "#339659", "#6779cd", "#ec9886", "#7bc591"),
    ),
    (
        "triadic harmony at 65.45 degrees (dark)",
        ("#2e1e0c", "#b46d0f", "#009489", "#936abe", "#dfa367", "#54c7ba"),
    ),
    (
        "triadic harmony at 98.18 degrees (dark)",
        ("#27220a", "#948000", "#008fab", "#b15f9b", "#c2b260", "#57c1de"),
    ),
    (
        "triadic harmony at 130.91 degrees (dark)",
        ("#1b2511", "#648f34", "#3d84cb", "#c05b6d", "#9abf77", "#7eb6f2"),
    ),
    (
        "triadic harmony at 163.64 degrees (dark)",
        ("#0d271c", "#00976b", "#7774cb", "#bf633a", "#6cc69f", "#a8a8f2"),
    ),
    (
        "triadic harmony at 196.36 degrees (dark)",
        ("#042728", "#009394", "#9e66b4", "#aa7400", "#4fc6c7", "#cc9cde"),
    ),
    (
        "triadic harmony at 229.09 degrees (dark)",
        ("#0a2531", "#008cb8", "#b85d8c", "#878601", "#62bee6", "#e395bc"),
    ),
    (
        "triadic harmony at 261.82 degrees (dark)",
        ("#172234", "#547ecd", "#c25d5c", "#4f9347", "#8cb1f4", "#ec9693"),
    ),
    (
        "triadic harmony at 294.55 degrees (dark)",
        ("#231e32", "#866fc5", "#ba6827", "#00967c", "#b5a4ed", "#e59f6f"),
    ),
    (
        "triadic harmony at 327.27 degrees (dark)",
        ("#2c1b2b", "#a862a8", "#9f7a00", "#00919f", "#d599d4", "#cead5e"),
    ),
    (
        "tetradic harmony at 0 degrees (dark)",
        ("#311921", "#bd5b7d", "#009583", "#b76b1c", "#1a89c5", "#e895ae"),
    ),
    (
        "tetradic harmony at 32.73 degrees (dark)",
        ("#321a15", "#c15f4c", "#0090a5", "#9a7d00", "#6779cd", "#ec9886"),
    ),
    (
        "tetradic harmony at 65.45 degrees (dark)",
        ("#2e1e0c", "#b46d0f", "#2e86c8", "#6e8d2a", "#936abe", "#dfa367"),
    ),
    (
        "tetradic harmony at 98.18 degrees (dark)",
        ("#27220a", "#948000", "#6f76cc", "#209762", "#b15f9b", "#c2b260"),
    ),
    (
        "tetradic harmony at 130.91 degrees (dark)",
        ("#1b2511", "#648f34", "#9968b9", "#00938f", "#c05b6d", "#9abf77"),
    ),
    (
        "tetradic harmony at 163.64 degrees (dark)",
        ("#0d271c", "#00976b", "#b55e94", "#008eb1", "#bf633a", "#6cc69f"),
    ),
    (
        "tetradic harmony at 196.36 degrees (dark)",
        ("#042728", "#009394", "#c15c65", "#4981cc", "#aa7400", "#4fc6c7"),
    ),
    (
        "tetradic harmony at 229.09 degrees (dark)",
        ("#0a2531", "#008cb8", "#bd6531", "#7f71c8", "#878601", "#62bee6"),
    ),
    (
        "tetradic harmony at 261.82 degrees (dark)",
        ("#172234", "#547ecd", "#a57700", "#a464ae", "#4f9347", "#8cb1f4"),
    ),
    (
        "tetradic harmony at 294.55 degrees (dark)",
        ("#231e32", "#866fc5", "#7f8813", "#bb5c85", "#00967c", "#b5a4ed"),
    ),
    (
        "tetradic harmony at 327.27 degrees (dark)",
        ("#2c1b2b", "#a862a8", "#429550", "#c25e54", "#00919f", "#d599d4"),
    ),
)
