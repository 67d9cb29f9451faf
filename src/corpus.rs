//! The example corpus bundled into the binary: what `newsgraph build` reads when
//! given no input. The articles live in `examples/corpus/`.

/// (file name, text) of every bundled article, sorted by name.
pub const EXAMPLE: &[(&str, &str)] = &[
    (
        "01_kidd_seoul_2024.txt",
        include_str!("../examples/corpus/01_kidd_seoul_2024.txt"),
    ),
    (
        "02_kidd25_joint_statement_2024.txt",
        include_str!("../examples/corpus/02_kidd25_joint_statement_2024.txt"),
    ),
    (
        "03_scm56_preview_2024.txt",
        include_str!("../examples/corpus/03_scm56_preview_2024.txt"),
    ),
    (
        "04_ncg_postponed_2024.txt",
        include_str!("../examples/corpus/04_ncg_postponed_2024.txt"),
    ),
    (
        "05_mnd_reshuffle_two_kims_2025.txt",
        include_str!("../examples/corpus/05_mnd_reshuffle_two_kims_2025.txt"),
    ),
    (
        "06_ncg5_washington_2025.txt",
        include_str!("../examples/corpus/06_ncg5_washington_2025.txt"),
    ),
    (
        "07_us_japan_scc_tokyo_2025.txt",
        include_str!("../examples/corpus/07_us_japan_scc_tokyo_2025.txt"),
    ),
    (
        "08_kidd26_pentagon_2025.txt",
        include_str!("../examples/corpus/08_kidd26_pentagon_2025.txt"),
    ),
    (
        "09_ausmin_brisbane_2025.txt",
        include_str!("../examples/corpus/09_ausmin_brisbane_2025.txt"),
    ),
    (
        "10_ph_us_2plus2_washington_2025.txt",
        include_str!("../examples/corpus/10_ph_us_2plus2_washington_2025.txt"),
    ),
    (
        "11_scm56_outcome_2024.txt",
        include_str!("../examples/corpus/11_scm56_outcome_2024.txt"),
    ),
    (
        "12_usfk_change_of_command_2025.txt",
        include_str!("../examples/corpus/12_usfk_change_of_command_2025.txt"),
    ),
];

#[cfg(test)]
mod tests {
    #[test]
    fn lists_every_article_of_the_folder() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/corpus");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".txt") || n.ends_with(".md"))
            .collect();
        on_disk.sort();
        let listed: Vec<&str> = super::EXAMPLE.iter().map(|e| e.0).collect();
        assert_eq!(
            listed, on_disk,
            "update src/corpus.rs to match examples/corpus/"
        );
    }
}
