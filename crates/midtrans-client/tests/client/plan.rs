//! The fault-plan table in `docs/fault-plan.md` and the tests agree: every test it names exists.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && !path.ends_with("target") {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn fault_plan_table_names_existing_tests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let table = std::fs::read_to_string(root.join("docs/fault-plan.md")).unwrap();
    let mut files = Vec::new();
    for dir in ["crates", "tests"] {
        rust_files(&root.join(dir), &mut files);
    }
    let sources: String = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let mut named = 0;
    for row in table
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| case"))
    {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let (case, test) = (cells[1], cells[3]);
        if test == "—" {
            continue;
        }
        let name = test.trim_matches('`');
        assert!(
            sources.contains(&format!("fn {name}(")),
            "{case}: no test named {name}"
        );
        named += 1;
    }
    assert!(named >= 40, "the table names {named} tests");
}
