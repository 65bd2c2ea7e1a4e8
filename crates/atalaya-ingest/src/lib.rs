//! News in: RSS and Atom feeds (by URL or file) and folders of saved articles are fetched
//! politely, their main text extracted, their language detected and their date read, coded
//! by `atalaya-coder` and stored once per story (by canonical URL and by content hash), the
//! events pending an analyst's review. `feeds` reads the `serve --feeds` file.

pub mod canon;
pub mod corpus;
pub mod extract;
pub mod feed;
pub mod feeds;
pub mod fetch;
pub mod lang;
pub mod run;

pub use run::{run, Failure, Options, Summary};
