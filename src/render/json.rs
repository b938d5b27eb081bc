//! JSON: the briefing schema of `ARCHITECTURE.md`, for scripts and other tools.

use serde_json::{Value, json};

use crate::model::{Briefing, WeatherBlock};

pub fn render(b: &Briefing) -> String {
    let mut s = serde_json::to_string_pretty(&document(b))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// The briefing as a JSON value (also what templates see as `briefing`).
pub fn document(b: &Briefing) -> Value {
    let (weather, unavailable) = match &b.weather {
        WeatherBlock::None => (Value::Null, Value::Null),
        WeatherBlock::Ok(w) => (
            serde_json::to_value(w.as_ref()).unwrap_or(Value::Null),
            Value::Null,
        ),
        WeatherBlock::Unavailable(reason) => (Value::Null, Value::String(reason.clone())),
    };
    json!({
        "title": b.title,
        "date": b.date.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        "timezone": b.timezone,
        "locale": b.locale,
        "tags": b.tags,
        "weather": weather,
        "weather_unavailable": unavailable,
        "sections": b.sections,
        "failures": b.failures,
        "notices": b.notices,
        "stats": b.stats,
    })
}
