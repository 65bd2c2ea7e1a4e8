//! Ingest from a folder of saved articles: `.html` (extracted), `.txt`, `.json` with text,
//! published and url; bad files are reported and the rest stored; a second run stores
//! nothing; the same story saved twice is one article.

use atalaya_core::Review;
use atalaya_ingest::{run, Options};
use atalaya_store::Store;

#[test]
fn saved_articles_of_every_kind_are_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("saved");
    atalaya_ingest::corpus::write_pages(&pages, 12, 3).unwrap();
    std::fs::write(
        pages.join("wire.txt"),
        "Four police officers killed in Reynosa\n\nGunmen killed four police officers in Reynosa, Tamaulipas, on Monday, state authorities said in a statement.",
    )
    .unwrap();
    std::fs::write(
        pages.join("wire.json"),
        r#"{"text": "Hombres armados asesinaron a tres personas en Celaya, Guanajuato, el sábado, informó la fiscalía estatal en un comunicado.", "published": "2024-09-14", "url": "https://example.org/celaya?utm_source=x", "title": "Asesinan a tres en Celaya"}"#,
    )
    .unwrap();
    // The same JSON story again, under another name: one article.
    std::fs::copy(pages.join("wire.json"), pages.join("wire-copy.json")).unwrap();
    std::fs::write(pages.join("broken.json"), r#"{"text": 3}"#).unwrap();
    std::fs::write(pages.join("bad-date.json"), r#"{"text": "long enough text about nothing in particular that goes on and on for a while, surely eighty characters", "published": "someday"}"#).unwrap();
    std::fs::write(pages.join("notes.md"), "ignored: not an article type").unwrap();
    let mut store = Store::open(&dir.path().join("f.db")).unwrap();
    let src = vec![pages.display().to_string()];
    let sum = run(&mut store, &src, &Options::default(), &mut |_, _| {}).unwrap();
    assert_eq!(
        (sum.articles_new, sum.articles_seen, sum.failed),
        (14, 1, 2),
        "{sum:?}"
    );
    let errors: Vec<&str> = sum.failures.iter().map(|f| f.error.as_str()).collect();
    assert!(
        errors.iter().any(|e| e.contains("not an article object")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("field published")),
        "{errors:?}"
    );
    assert!(sum.failures.iter().all(|f| f.item.ends_with(".json")));
    assert!(sum.events >= 14, "{sum:?}");
    let celaya: (String, String, String) = store
        .connection()
        .query_row(
            "SELECT url, published, lang FROM articles WHERE title = 'Asesinan a tres en Celaya'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        celaya,
        (
            "https://example.org/celaya".into(),
            "2024-09-14".into(),
            "es".into()
        )
    );
    // Every event waits for review.
    assert_eq!(
        store.review_queue(Review::Pending, None).unwrap().len() as u64,
        store.stats().unwrap().events
    );
    let again = run(&mut store, &src, &Options::default(), &mut |_, _| {}).unwrap();
    assert_eq!((again.articles_new, again.events), (0, 0), "{again:?}");
    assert_eq!(again.articles_seen, 15);
}
