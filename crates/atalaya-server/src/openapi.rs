//! The OpenAPI document, generated: each handler's `#[utoipa::path]` names its route, its
//! parameters (the `IntoParams` of its query type, written next to the parsing in
//! `params.rs` and the route modules) and its responses; `api::routes` registers handlers
//! and their documentation in one step, so a route cannot be served undocumented.
//!
//! The parameter schemas here say exactly what the parsers accept: a request the document
//! allows is answered (200, or 404 when there is nothing to answer with), one it forbids is
//! refused with 400. Schemathesis checks both directions (`tests/schemathesis/`).

use utoipa::openapi::path::{Operation, Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{AnyOfBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{
    ContentBuilder, OpenApi, RefOr, Required, ResponseBuilder, ResponsesBuilder,
};
use utoipa::{Modify, ToSchema};

use atalaya_core::{gazetteer, EventKind};

use crate::params;

/// `{"error": "..."}`: every error the API returns.
#[derive(ToSchema)]
#[schema(as = Error)]
#[allow(dead_code)] // Describes the body `error::json_error` writes.
pub struct ErrorBody {
    /// What was wrong, naming the parameter or value at fault.
    error: String,
}

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Atalaya API",
        version = "1",
        description = "Events, official series and interventions on organized-crime violence in Mexico. \
Reading is public; routes that write need `Authorization: Bearer TOKEN` (the token given to \
`atalaya serve`). Every error is JSON {\"error\": message}. A request this document allows is \
answered, with 404 when the store holds nothing to answer it with; one it does not allow gets 400. \
Requests are limited per client (429 with Retry-After), in body size (413) and in time (503)."
    ),
    components(schemas(ErrorBody)),
    modifiers(&CommonResponses)
)]
pub struct ApiDoc;

/// Answers the layers give on any route (`limits.rs`), added to every operation.
struct CommonResponses;

impl Modify for CommonResponses {
    fn modify(&self, doc: &mut OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Adds the layers' answers to every operation of the finished document.
fn add_layer_responses(doc: &mut OpenApi) {
    {
        for item in doc.paths.paths.values_mut() {
            for op in [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                add_common(op);
            }
        }
    }
}

fn error_response(description: &str) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                    "Error",
                ))))
                .build(),
        )
        .build()
}

fn add_common(op: &mut Operation) {
    let mut extra = vec![
        (
            "429",
            "Too many requests from this client; Retry-After says when to retry",
        ),
        ("503", "The request took longer than the server's --timeout"),
    ];
    if op.request_body.is_some() {
        extra.push((
            "413",
            "The body is larger than the server's --body-limit-kib",
        ));
    }
    let mut responses = ResponsesBuilder::new();
    for (status, response) in std::mem::take(&mut op.responses.responses) {
        responses = responses.response(status, response);
    }
    for (status, description) in extra {
        responses = responses.response(status, error_response(description));
    }
    op.responses = responses.build();
}

/// The schemas of what the routes answer with (events, stats, reports), kept as JSON
/// Schema: they describe types of the core, store and analysis crates, which know nothing
/// of OpenAPI. Schemathesis checks every answer against them.
const BODIES: &str = include_str!("schemas.json");

/// Adds the answer schemas to a generated document.
pub fn finish(doc: &mut OpenApi) {
    let mut raw: serde_json::Value =
        serde_json::from_str(BODIES).expect("schemas.json is valid JSON");
    // Values the parsers define: filled in from them, not copied.
    if let Some(edit) = raw.pointer_mut("/DecisionRequest/properties/edit/properties") {
        edit["kind"] = serde_json::json!({
            "type": "string",
            "enum": EventKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        });
        edit["date"] = serde_json::json!({"type": "string", "pattern": params::DATE_PATTERN});
        edit["municipality"] = serde_json::json!({
            "type": "string",
            "pattern": "^([0-9]{5})?$",
            "description": "5-digit INEGI code, or empty to clear",
        });
    }
    let bodies: std::collections::BTreeMap<String, RefOr<Schema>> =
        serde_json::from_value(raw).expect("schemas.json is valid JSON Schema");
    let components = doc.components.get_or_insert_with(Default::default);
    components.schemas.extend(bodies);
    add_layer_responses(doc);
}

/// The document as served, built once.
pub fn json() -> Vec<u8> {
    static JSON: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    JSON.get_or_init(|| {
        let doc = crate::api::api(|w| w).1;
        serde_json::to_vec(&doc).expect("the document serialises")
    })
    .clone()
}

/// A query parameter.
pub fn query(name: &str, required: bool, description: &str, schema: Schema) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Query)
        .required(if required {
            Required::True
        } else {
            Required::False
        })
        .description(Some(description))
        .schema(Some(schema))
        .build()
}

/// Schemas of the parameter kinds, one per parser in `params.rs`.
pub mod schema {
    use super::*;

    fn string() -> ObjectBuilder {
        ObjectBuilder::new().schema_type(Type::String)
    }

    /// Any text of at least one character (`params::text`).
    pub fn text() -> Schema {
        string().min_length(Some(1)).into()
    }

    /// A state's two-digit INEGI code, or its name (`params::state`).
    pub fn state() -> Schema {
        AnyOfBuilder::new()
            .item(string().pattern(Some("^(0[1-9]|[12][0-9]|3[0-2])$")))
            .item(string().enum_values(Some(gazetteer::STATES.iter().map(|s| s.name))))
            .into()
    }

    /// auto, events, or states (two-digit codes or names exactly as `/api/v1/states` gives them)
    /// separated by commas (`impact::query`).
    pub fn state_codes() -> Schema {
        let names: Vec<String> = gazetteer::STATES
            .iter()
            .map(|s| regex_escape(s.name))
            .collect();
        let one = format!("(0[1-9]|[12][0-9]|3[0-2]|{})", names.join("|"));
        string()
            .pattern(Some(format!("^(auto|events|{one}(,{one})*)$")))
            .into()
    }

    fn regex_escape(s: &str) -> String {
        s.chars()
            .flat_map(|c| {
                let special = "\\.+*?()|[]{}^$".contains(c);
                special
                    .then_some('\\')
                    .into_iter()
                    .chain(std::iter::once(c))
            })
            .collect()
    }

    /// An event kind (`params::kind`).
    pub fn kind() -> Schema {
        string()
            .enum_values(Some(EventKind::ALL.iter().map(|k| k.as_str())))
            .into()
    }

    /// A date between 1900 and 2100 (`params::date`).
    pub fn date() -> Schema {
        string()
            .pattern(Some(params::DATE_PATTERN))
            .examples(["2024-01-01"])
            .into()
    }

    /// One of fixed words (`params::choice`).
    pub fn one_of(words: &[&str]) -> Schema {
        string().enum_values(Some(words.iter().copied())).into()
    }

    /// A whole number in a range (`params::count`).
    pub fn count(min: u64, max: u64, default: u64) -> Schema {
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(min as f64))
            .maximum(Some(max as f64))
            .default(Some(default.into()))
            .into()
    }

    /// A number in `(min, max]` (`territory`'s sensitivity).
    pub fn number(exclusive_min: f64, max: f64, default: f64) -> Schema {
        ObjectBuilder::new()
            .schema_type(Type::Number)
            .exclusive_minimum(Some(exclusive_min))
            .maximum(Some(max))
            .default(Some(default.into()))
            .into()
    }

    /// An opaque cursor (`params::decode_cursor`).
    pub fn cursor() -> Schema {
        string()
            .pattern(Some("^([0-9a-f]{2})+$"))
            .max_length(Some(params::MAX_CURSOR))
            .into()
    }
}

/// Shared parameters: the same name means the same thing on every route.
pub mod param {
    use super::*;

    pub fn state() -> Parameter {
        query(
            "state",
            false,
            "INEGI code (14) or name (Jalisco)",
            schema::state(),
        )
    }
    pub fn kind() -> Parameter {
        query("kind", false, "Event kind", schema::kind())
    }
    pub fn actor() -> Parameter {
        query(
            "actor",
            false,
            "Canonical name or alias (CJNG); unknown names match nothing",
            schema::text(),
        )
    }
    pub fn from() -> Parameter {
        query(
            "from",
            false,
            "First date, YYYY-MM-DD (1900–2100)",
            schema::date(),
        )
    }
    pub fn to() -> Parameter {
        query(
            "to",
            false,
            "Last date, YYYY-MM-DD (1900–2100); a range ending before `from` selects nothing",
            schema::date(),
        )
    }
    pub fn measure() -> Parameter {
        query(
            "measure",
            false,
            "events (default), fatalities, or an imported official series (homicidio_doloso); \
             a series the store does not hold is a 404",
            schema::text(),
        )
    }
    pub fn period(description: &str) -> Parameter {
        query(
            "period",
            false,
            description,
            schema::one_of(&["week", "month"]),
        )
    }
    pub fn lang() -> Parameter {
        query(
            "lang",
            false,
            "Language of the picture's text",
            schema::one_of(&["en", "es"]),
        )
    }
}
