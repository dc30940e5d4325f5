//! Fuzzes reference-list splitting and entry parsing: no text may panic them.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(list) = std::str::from_utf8(data) {
        let text = format!("References\n\n{list}");
        for r in citekb::extract::references::split(&text, 0, text.len()) {
            assert!(r.end <= text.len());
        }
        let _ = citekb::extract::references::parse(list);
    }
});
