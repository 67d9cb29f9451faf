//! `build --stdin-jsonl`: documents as JSON lines on standard input give the graph a
//! build of the same files gives, byte for byte (the Spark driver in contrib/spark
//! relies on it).

use crate::common::{TempDir, arg, corpus_dir, run, stderr};

/// One JSON line for a document: `text` for UTF-8 bytes, `base64` otherwise.
fn line(name: &str, bytes: &[u8]) -> String {
    let body = match std::str::from_utf8(bytes) {
        Ok(text) => format!("\"text\": {}", serde_json::to_string(text).unwrap()),
        Err(_) => format!("\"base64\": \"{}\"", base64(bytes)),
    };
    format!(
        "{{\"name\": {}, {body}}}\n",
        serde_json::to_string(name).unwrap()
    )
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn jsonl_build_equals_folder_build() {
    let dir = TempDir::new("jsonl");
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("sub dir")).unwrap();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for entry in std::fs::read_dir(corpus_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        files.push((name, std::fs::read(&path).unwrap()));
    }
    // A nested name, a UTF-16 file, a file with a BOM and a binary file (refused both ways).
    let (first, text) = files[0].clone();
    files.push((format!("sub dir/{first}"), text.clone()));
    let mut utf16 = vec![0xff, 0xfe];
    for u in String::from_utf8(files[1].1.clone())
        .unwrap()
        .encode_utf16()
    {
        utf16.extend(u.to_le_bytes());
    }
    files.push(("sub dir/utf16.txt".into(), utf16));
    files.push((
        "bom.md".into(),
        [&b"\xef\xbb\xbf"[..], &files[2].1].concat(),
    ));
    files.push(("binary.txt".into(), b"\0\x01\x02".to_vec()));
    let mut jsonl = String::new();
    for (name, bytes) in files.iter().rev() {
        std::fs::write(input.join(name), bytes).unwrap();
        jsonl.push_str(&line(name, bytes));
    }
    let (a, b) = (dir.join("dir.json"), dir.join("jsonl.json"));
    let out = run(&["build", arg(&input), "-q", "-o", arg(&a)], None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let out = run(
        &["build", "--stdin-jsonl", "-o", arg(&b)],
        Some(jsonl.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("warning: skipped binary.txt: binary file"));
    assert!(stderr(&out).contains("1 skipped"), "{}", stderr(&out));
    let (a, b) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    assert!(a == b, "build --stdin-jsonl differs from build DIR");
    assert!(
        String::from_utf8(b)
            .unwrap()
            .contains("\"sub dir/utf16.txt\"")
    );
}

#[test]
fn bad_jsonl_is_an_input_error_naming_the_line() {
    let input = "{\"name\": \"a.txt\", \"text\": \"x\"}\n{\"name\": \"b.txt\"\n";
    let out = run(
        &["build", "--stdin-jsonl", "-q", "-o", "-"],
        Some(input.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: <stdin>: line 2: "),
        "{}",
        stderr(&out)
    );
    let out = run(&["build", "--stdin-jsonl", "examples/corpus"], None);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
