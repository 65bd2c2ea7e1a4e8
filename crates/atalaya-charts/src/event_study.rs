//! The event-study chart of the impact study: one point per period offset with its 95%
//! interval, a zero line, the reference period marked, and the intervention as a dashed
//! line between the last period before it and the period containing it.

use crate::plot::{format_tick, Frame, LinearScale, Svg};

/// One coefficient on the log scale (log ratio against the controls): the chart places
/// points by log ratio, so +100% and −50% sit equally far from zero, and labels the axis
/// in percentages.
#[derive(Debug, Clone)]
pub struct Coefficient {
    pub offset: i64,
    /// The period's label ("2024-07"), shown in the tooltip.
    pub label: String,
    pub estimate: f64,
    pub ci: Option<(f64, f64)>,
}

#[derive(Debug, Clone)]
pub struct EventStudyChart {
    pub title: String,
    /// What the y axis measures ("Change in homicides vs. control states (%)").
    pub y_title: String,
    /// The x axis ("Months from the intervention").
    pub x_title: String,
    /// The label of the intervention marker ("2024-07-25: leader captured").
    pub marker: String,
    pub coefficients: Vec<Coefficient>,
}

/// Percentage changes offered as y ticks; those inside the data's range are used.
const PCT_TICKS: &[f64] = &[
    -99.0, -95.0, -90.0, -75.0, -50.0, -25.0, 0.0, 25.0, 50.0, 100.0, 200.0, 300.0, 500.0, 1000.0,
    2000.0, 5000.0, 10000.0,
];

fn log_of(pct: f64) -> f64 {
    (pct / 100.0).ln_1p()
}

fn pct_of(log: f64) -> f64 {
    100.0 * log.exp_m1()
}

fn pct_label(p: f64) -> String {
    if p == 0.0 {
        "0%".into()
    } else {
        format!("{p:+}%")
    }
}

/// The ticks within `[lo, hi]` (log scale), thinned to at most nine but always keeping 0.
fn y_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let mut t: Vec<f64> = PCT_TICKS
        .iter()
        .copied()
        .filter(|p| {
            let v = log_of(*p);
            v >= lo - 1e-9 && v <= hi + 1e-9
        })
        .collect();
    while t.len() > 9 {
        let zero = t.iter().position(|p| *p == 0.0).unwrap_or(0);
        t = t
            .iter()
            .enumerate()
            .filter(|(i, _)| (*i as i64 - zero as i64) % 2 == 0)
            .map(|(_, p)| *p)
            .collect();
    }
    t
}

/// A standalone SVG document.
pub fn render(c: &EventStudyChart) -> String {
    let mut svg = Svg::new(760.0, 440.0);
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
    // At least −25% … +25% visible, and a margin so bars do not touch the frame.
    y_lo = y_lo.min(log_of(-25.0));
    y_hi = y_hi.max(log_of(25.0));
    let pad = (y_hi - y_lo) * 0.04;
    let frame = Frame::new(&svg, (x_lo, x_hi), (y_lo - pad, y_hi + pad));
    // Frame widens y to round numbers on its own scale; keep the exact log range instead.
    let frame = Frame {
        y: LinearScale::new((y_lo - pad, y_hi + pad), (frame.bottom, frame.top)),
        ..frame
    };

    let size = crate::plot::fitted_size(&c.title, svg.width - frame.left - 10.0, 15.0);
    svg.text(
        frame.left,
        22.0,
        "start",
        size,
        &c.title,
        r#"font-weight="600""#,
    );
    for p in y_ticks(y_lo - pad, y_hi + pad) {
        let py = frame.y.px(log_of(p));
        let stroke = if p == 0.0 { "#555" } else { "#e3e3e3" };
        svg.line(
            frame.left,
            py,
            frame.right,
            py,
            &format!(r#"stroke="{stroke}""#),
        );
        svg.text(
            frame.left - 6.0,
            py + 4.0,
            "end",
            11.0,
            &pct_label(p),
            r##"fill="#444""##,
        );
    }
    svg.line(
        frame.left,
        frame.bottom,
        frame.right,
        frame.bottom,
        r##"stroke="#333""##,
    );
    svg.line(
        frame.left,
        frame.top,
        frame.left,
        frame.bottom,
        r##"stroke="#333""##,
    );
    let every = c.coefficients.len().div_ceil(12).max(1) as i64;
    for k in &c.coefficients {
        let px = frame.x.px(k.offset as f64);
        svg.line(
            px,
            frame.bottom,
            px,
            frame.bottom + 5.0,
            r##"stroke="#333""##,
        );
        if k.offset.rem_euclid(every) == 0 {
            let label = if k.offset == 0 {
                "0".to_string()
            } else {
                format!("{:+}", k.offset)
            };
            svg.text(
                px,
                frame.bottom + 18.0,
                "middle",
                11.0,
                &label,
                r##"fill="#444""##,
            );
        }
    }
    svg.text(
        (frame.left + frame.right) / 2.0,
        svg.height - 12.0,
        "middle",
        12.0,
        &c.x_title,
        "",
    );
    let cy = (frame.top + frame.bottom) / 2.0;
    svg.text(
        16.0,
        cy,
        "middle",
        12.0,
        &c.y_title,
        &format!(r#"transform="rotate(-90 16 {cy:.1})""#),
    );
    // The intervention: a dashed line between offset −1 and 0, its label on the side with
    // more room (long labels name several leaders).
    let mx = frame.x.px(-0.5);
    svg.line(
        mx,
        frame.top,
        mx,
        frame.bottom,
        r##"stroke="#b00020" stroke-dasharray="5 4" stroke-width="1.5""##,
    );
    let (lx, anchor) = if mx - frame.left > frame.right - mx {
        (mx - 4.0, "end")
    } else {
        (mx + 4.0, "start")
    };
    svg.text(
        lx,
        frame.top + 12.0,
        anchor,
        11.0,
        &c.marker,
        r##"fill="#b00020""##,
    );

    for k in &c.coefficients {
        let px = frame.x.px(k.offset as f64);
        let colour = if k.offset >= 0 { "#b00020" } else { "#1f4e79" };
        let tip = match k.ci {
            Some((lo, hi)) => format!(
                "{} (offset {:+}): {}% [{}%, {}%]",
                k.label,
                k.offset,
                format_tick(round1(pct_of(k.estimate))),
                format_tick(round1(pct_of(lo))),
                format_tick(round1(pct_of(hi)))
            ),
            None if k.offset == -1 => format!("{} (offset -1): reference period", k.label),
            None => format!(
                "{} (offset {:+}): {}% (no interval)",
                k.label,
                k.offset,
                format_tick(round1(pct_of(k.estimate)))
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
        "dots: estimates · bars: 95% intervals · hollow: reference (0) · log-scaled axis",
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
                    estimate: if o == -1 {
                        0.0
                    } else {
                        log_of(o as f64 * 20.0)
                    },
                    ci: if o == -1 {
                        None
                    } else {
                        Some((
                            log_of(o as f64 * 20.0 - 30.0),
                            log_of(o as f64 * 20.0 + 35.0),
                        ))
                    },
                })
                .collect(),
        }
    }

    #[test]
    fn ticks_keep_zero_and_stay_few() {
        let t = y_ticks(log_of(-99.5), log_of(20000.0));
        assert!(t.len() <= 9 && t.contains(&0.0), "{t:?}");
        assert_eq!(y_ticks(log_of(-30.0), log_of(30.0)), vec![-25.0, 0.0, 25.0]);
        assert!((pct_of(log_of(250.0)) - 250.0).abs() < 1e-9);
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
        assert!(doc.contains("2024-09 (offset +2): 40% [10%, 75%]"), "{doc}");
        assert!(doc.contains("reference period"));
        // A log-scaled axis labelled in percentages, zero included.
        assert!(doc.contains(">0%</text>"));
        assert!(doc.contains(">+50%</text>"));
        assert!(doc.contains(">-50%</text>"));
        // Every interval has a bar and two caps.
        assert_eq!(doc.matches("stroke-width=\"2\"/>").count(), 6 * 3 + 1);
    }
}
