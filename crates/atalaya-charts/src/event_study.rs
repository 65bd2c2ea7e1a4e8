//! The event-study chart of the impact study: one point per period offset with its 95%
//! interval, a zero line, the reference period marked, and the intervention as a dashed
//! line between the last period before it and the period containing it.

use crate::plot::{format_tick, Frame, Svg};

/// One coefficient, as a percentage change against the controls.
#[derive(Debug, Clone)]
pub struct Coefficient {
    pub offset: i64,
    /// The period's label ("2024-07"), shown under some ticks and in the tooltip.
    pub label: String,
    pub estimate: f64,
    pub ci: Option<(f64, f64)>,
}

#[derive(Debug, Clone)]
pub struct EventStudyChart {
    pub title: String,
    /// What the y axis measures ("Homicide victims: change vs. control states (%)").
    pub y_title: String,
    /// The x axis ("Months from the intervention").
    pub x_title: String,
    /// The label of the intervention marker ("2024-07-25: leader captured").
    pub marker: String,
    pub coefficients: Vec<Coefficient>,
}

/// A standalone SVG document.
pub fn render(c: &EventStudyChart) -> String {
    let mut svg = Svg::new(760.0, 420.0);
    let xs: Vec<f64> = c.coefficients.iter().map(|k| k.offset as f64).collect();
    let x_lo = xs.iter().copied().fold(f64::INFINITY, f64::min).min(-1.0) - 0.7;
    let x_hi = xs
        .iter()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max)
        .max(0.0)
        + 0.7;
    let mut y_lo: f64 = 0.0;
    let mut y_hi: f64 = 0.0;
    for k in &c.coefficients {
        for v in [Some(k.estimate), k.ci.map(|c| c.0), k.ci.map(|c| c.1)]
            .into_iter()
            .flatten()
            .filter(|v| v.is_finite())
        {
            y_lo = y_lo.min(v);
            y_hi = y_hi.max(v);
        }
    }
    let pad = (y_hi - y_lo).max(1.0) * 0.05;
    let frame = Frame::new(&svg, (x_lo, x_hi), (y_lo - pad, y_hi + pad));
    let n = c.coefficients.len().max(1);
    let every = n.div_ceil(12).max(1) as i64;
    let ticks: Vec<f64> = c.coefficients.iter().map(|k| k.offset as f64).collect();
    let labels: Vec<(i64, String)> = c
        .coefficients
        .iter()
        .map(|k| (k.offset, k.label.clone()))
        .collect();
    let label_of = move |v: f64| -> Option<String> {
        let o = v.round() as i64;
        if o.rem_euclid(every) != 0 {
            return None;
        }
        labels.iter().find(|(off, _)| *off == o).map(|_| {
            if o == 0 {
                "0".to_string()
            } else {
                format!("{o:+}")
            }
        })
    };
    frame.draw_axes(
        &mut svg, &c.title, &c.x_title, &c.y_title, &ticks, &label_of,
    );
    let zero = frame.y.px(0.0);
    svg.line(frame.left, zero, frame.right, zero, r##"stroke="#555""##);
    frame.marker(&mut svg, -0.5, &c.marker);
    for k in &c.coefficients {
        let px = frame.x.px(k.offset as f64);
        let after = k.offset >= 0;
        let colour = if after { "#b00020" } else { "#1f4e79" };
        let tip = match k.ci {
            Some((lo, hi)) => format!(
                "{} (offset {:+}): {}% [{}%, {}%]",
                k.label,
                k.offset,
                format_tick(round1(k.estimate)),
                format_tick(round1(lo)),
                format_tick(round1(hi))
            ),
            None if k.offset == -1 => format!("{} (offset -1): reference period", k.label),
            None => format!(
                "{} (offset {:+}): {}% (no interval)",
                k.label,
                k.offset,
                format_tick(round1(k.estimate))
            ),
        };
        let mut shape = String::new();
        if let Some((lo, hi)) = k.ci {
            if hi > lo {
                let (y0, y1) = (frame.y.px(lo), frame.y.px(hi));
                shape.push_str(&format!(
                    r#"<line x1="{px:.1}" y1="{y0:.1}" x2="{px:.1}" y2="{y1:.1}" stroke="{colour}" stroke-width="2"/>"#
                ));
                for y in [y0, y1] {
                    shape.push_str(&format!(
                        r#"<line x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{colour}" stroke-width="2"/>"#,
                        px - 4.0,
                        px + 4.0
                    ));
                }
            }
        }
        let py = frame.y.px(k.estimate);
        if k.offset == -1 {
            shape.push_str(&format!(
                r#"<circle cx="{px:.1}" cy="{py:.1}" r="4.5" fill="white" stroke="{colour}" stroke-width="2"/>"#
            ));
        } else {
            shape.push_str(&format!(
                r#"<circle cx="{px:.1}" cy="{py:.1}" r="4.5" fill="{colour}"/>"#
            ));
        }
        svg.titled(&tip, &shape);
    }
    svg.text(
        frame.right,
        frame.top - 6.0,
        "end",
        11.0,
        "dots: estimates · bars: 95% intervals · hollow: reference (0)",
        r##"fill="#444""##,
    );
    let description = format!(
        "Event-study estimates for {} periods around the intervention ({}), as percentage changes \
         relative to the period before it, with 95% intervals.",
        c.coefficients.len(),
        c.marker
    );
    svg.finish(&c.title, &description)
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> EventStudyChart {
        EventStudyChart {
            title: "Sinaloa after 2024-07-25".into(),
            y_title: "Change vs. control states (%)".into(),
            x_title: "Months from the intervention".into(),
            marker: "2024-07-25 captured".into(),
            coefficients: (-3..=3)
                .map(|o| Coefficient {
                    offset: o,
                    label: format!("2024-{:02}", 7 + o),
                    estimate: if o == -1 { 0.0 } else { o as f64 * 40.0 },
                    ci: if o == -1 {
                        None
                    } else {
                        Some((o as f64 * 40.0 - 30.0, o as f64 * 40.0 + 35.0))
                    },
                })
                .collect(),
        }
    }

    #[test]
    fn labels_axes_marker_and_every_coefficient() {
        let doc = render(&chart());
        assert!(doc.starts_with("<svg"));
        assert!(doc.contains("Change vs. control states (%)"));
        assert!(doc.contains("Months from the intervention"));
        assert!(doc.contains("2024-07-25 captured"));
        assert!(doc.contains("stroke-dasharray"));
        assert_eq!(doc.matches("<circle").count(), 7);
        assert!(doc.contains("2024-09 (offset +2): 80% [50%, 115%]"));
        assert!(doc.contains("reference period"));
        // Every interval has a bar and two caps.
        assert_eq!(doc.matches("stroke-width=\"2\"/>").count(), 6 * 3 + 1);
    }
}
