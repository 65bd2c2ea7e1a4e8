//! A benchmark's time-versus-rows chart: one line per path (engine and setting), rows on a
//! log10 x axis (runs span orders of magnitude), seconds on a linear y axis.

use crate::plot::{Frame, Svg};

/// One path's measured points, `(rows, seconds)`.
pub struct ScalingSeries {
    pub label: String,
    pub points: Vec<(f64, f64)>,
}

const COLOURS: [&str; 6] = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
];

fn rows_label(n: f64) -> String {
    if n >= 1e9 {
        format!("{}B", n / 1e9)
    } else if n >= 1e6 {
        format!("{}M", n / 1e6)
    } else if n >= 1e3 {
        format!("{}k", n / 1e3)
    } else {
        format!("{n}")
    }
}

/// The chart as a standalone SVG document.
pub fn scaling_chart(title: &str, series: &[ScalingSeries]) -> String {
    let mut svg = Svg::new(720.0, 420.0);
    let pts = || series.iter().flat_map(|s| s.points.iter());
    let xs: Vec<f64> = pts().map(|p| p.0).filter(|x| *x > 0.0).collect();
    let lo = xs.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = xs.iter().copied().fold(0.0, f64::max);
    let (lo, hi) = if xs.is_empty() { (1.0, 10.0) } else { (lo, hi) };
    // Whole decades, with half a decade of room either side.
    let (d0, d1) = (lo.log10().floor() - 0.3, hi.log10().ceil() + 0.3);
    let ymax = pts().map(|p| p.1).fold(0.0, f64::max).max(1.0);
    let frame = Frame::new(&svg, (d0, d1), (0.0, ymax * 1.05));
    let ticks: Vec<f64> = ((d0.ceil() as i32)..=(d1.floor() as i32))
        .map(f64::from)
        .collect();
    frame.draw_axes(
        &mut svg,
        title,
        "events (log scale)",
        "seconds",
        &ticks,
        &|v| Some(rows_label(10f64.powf(v).round())),
    );
    for (i, s) in series.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let p: Vec<(f64, f64)> = s
            .points
            .iter()
            .filter(|(x, _)| *x > 0.0)
            .map(|&(x, y)| (frame.x.px(x.log10()), frame.y.px(y)))
            .collect();
        svg.polyline(&p, &format!(r#"stroke="{colour}" stroke-width="2""#));
        for (&(x, y), &(rows, secs)) in p.iter().zip(s.points.iter().filter(|(x, _)| *x > 0.0)) {
            svg.titled(
                &format!("{}: {} events in {secs:.1} s", s.label, rows_label(rows)),
                &format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="4" fill="{colour}"/>"#),
            );
        }
        let ly = frame.top + 8.0 + 18.0 * i as f64;
        svg.line(
            frame.left + 12.0,
            ly,
            frame.left + 36.0,
            ly,
            &format!(r#"stroke="{colour}" stroke-width="2""#),
        );
        svg.text(frame.left + 42.0, ly + 4.0, "start", 12.0, &s.label, "");
    }
    let desc: Vec<String> = series
        .iter()
        .map(|s| {
            let pts: Vec<String> = s
                .points
                .iter()
                .map(|(r, t)| format!("{} events {t:.1} s", rows_label(*r)))
                .collect();
            format!("{}: {}", s.label, pts.join(", "))
        })
        .collect();
    svg.finish(title, &desc.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_series_gets_a_line_points_and_a_legend() {
        let svg = scaling_chart(
            "Scaling",
            &[
                ScalingSeries {
                    label: "embedded".into(),
                    points: vec![(1e7, 60.0), (1e8, 700.0)],
                },
                ScalingSeries {
                    label: "spark, 2 workers".into(),
                    points: vec![(1e7, 90.0), (1e8, 500.0)],
                },
            ],
        );
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert_eq!(svg.matches("<circle").count(), 4);
        assert!(svg.contains(">10M<") && svg.contains(">100M<"));
        assert!(svg.contains("spark, 2 workers: 100M events in 500.0 s"));
    }
}
