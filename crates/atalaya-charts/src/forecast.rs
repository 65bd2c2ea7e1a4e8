//! A state's history with the forecast after it: observed counts as a line, the forecast mean
//! as a dashed line, the 10–90% predictive interval as a band, and the origin marked.

use crate::plot::{nice_ticks, Frame, Svg};

/// One forecast period: label, mean, 10% and 90% quantiles.
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastPoint {
    pub label: String,
    pub mean: f64,
    pub q10: f64,
    pub q90: f64,
}

/// The chart as a standalone SVG document. `history` is `(period label, count)` in order.
pub fn forecast_chart(
    title: &str,
    y_title: &str,
    history: &[(String, f64)],
    forecast: &[ForecastPoint],
) -> String {
    let mut svg = Svg::new(760.0, 360.0);
    let n_hist = history.len();
    let n = n_hist + forecast.len();
    let y_max = history
        .iter()
        .map(|h| h.1)
        .chain(forecast.iter().map(|f| f.q90.max(f.mean)))
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    let frame = Frame::new(&svg, (0.0, (n.max(2) - 1) as f64), (0.0, y_max.max(1.0)));
    let labels: Vec<&str> = history
        .iter()
        .map(|h| h.0.as_str())
        .chain(forecast.iter().map(|f| f.label.as_str()))
        .collect();
    let ticks: Vec<f64> = nice_ticks(0.0, (n.max(2) - 1) as f64, 8)
        .into_iter()
        .filter(|t| *t >= 0.0 && *t <= (n.max(1) - 1) as f64 && t.fract() == 0.0)
        .collect();
    let label_at = |v: f64| labels.get(v as usize).map(|l| l.to_string());
    frame.draw_axes(&mut svg, title, "period", y_title, &ticks, &label_at);
    if !forecast.is_empty() {
        // The band starts at the last observation so it visibly grows out of the history.
        let mut band: Vec<(f64, f64)> = Vec::with_capacity(2 * forecast.len() + 2);
        let anchor = history.last().map(|h| ((n_hist - 1) as f64, h.1));
        band.extend(anchor.map(|(x, y)| (frame.x.px(x), frame.y.px(y))));
        for (i, f) in forecast.iter().enumerate() {
            band.push((frame.x.px((n_hist + i) as f64), frame.y.px(f.q90)));
        }
        for (i, f) in forecast.iter().enumerate().rev() {
            band.push((frame.x.px((n_hist + i) as f64), frame.y.px(f.q10)));
        }
        svg.polygon(
            &band,
            r##"fill="#1f77b4" fill-opacity="0.2" stroke="none""##,
        );
        let mut mean: Vec<(f64, f64)> = anchor
            .map(|(x, y)| (frame.x.px(x), frame.y.px(y)))
            .into_iter()
            .collect();
        mean.extend(
            forecast
                .iter()
                .enumerate()
                .map(|(i, f)| (frame.x.px((n_hist + i) as f64), frame.y.px(f.mean))),
        );
        svg.polyline(
            &mean,
            r##"stroke="#1f77b4" stroke-width="2" stroke-dasharray="6 3""##,
        );
        for (i, f) in forecast.iter().enumerate() {
            let (px, py) = (frame.x.px((n_hist + i) as f64), frame.y.px(f.mean));
            svg.titled(
                &format!(
                    "{}: mean {:.1}, 80% interval {:.0}–{:.0}",
                    f.label, f.mean, f.q10, f.q90
                ),
                &format!(r##"<circle cx="{px:.1}" cy="{py:.1}" r="3.5" fill="#1f77b4"/>"##),
            );
        }
    }
    let line: Vec<(f64, f64)> = history
        .iter()
        .enumerate()
        .map(|(i, h)| (frame.x.px(i as f64), frame.y.px(h.1)))
        .collect();
    svg.polyline(&line, r##"stroke="#222" stroke-width="1.5""##);
    if n_hist > 0 && !forecast.is_empty() {
        frame.marker(&mut svg, (n_hist - 1) as f64, "forecast origin");
    }
    let desc = format!(
        "{} observed periods ({} to {}) and a forecast of {} periods with its 10–90% predictive interval",
        n_hist,
        history.first().map_or("", |h| h.0.as_str()),
        history.last().map_or("", |h| h.0.as_str()),
        forecast.len()
    );
    svg.finish(title, &desc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_has_history_band_mean_and_origin() {
        let history: Vec<(String, f64)> = (1..=12)
            .map(|m| (format!("2024-{m:02}"), 40.0 + m as f64))
            .collect();
        let forecast = vec![
            ForecastPoint {
                label: "2025-01".into(),
                mean: 55.0,
                q10: 45.0,
                q90: 66.0,
            },
            ForecastPoint {
                label: "2025-02".into(),
                mean: 56.0,
                q10: 42.0,
                q90: 71.0,
            },
        ];
        let doc = forecast_chart("Sinaloa & forecast", "victims", &history, &forecast);
        assert!(doc.starts_with("<svg"));
        assert!(doc.contains("Sinaloa &amp; forecast"));
        assert_eq!(doc.matches("<polygon").count(), 1);
        assert!(doc.contains("forecast origin"));
        assert!(doc.contains("2025-02: mean 56.0, 80% interval 42–71"));
        // History plus the dashed mean line.
        assert_eq!(doc.matches("<polyline").count(), 2);
    }
}
