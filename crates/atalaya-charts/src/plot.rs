//! Building blocks of every chart: an SVG writer, linear scales with readable ticks, and a
//! frame (plot area, axes, labels) that charts draw into.

use std::fmt::Write;

/// Text safe inside SVG/XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Round tick values covering `[lo, hi]`, about `target` of them, on steps of 1, 2 or 5
/// times a power of ten.
pub fn nice_ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    if !lo.is_finite() || !hi.is_finite() {
        return Vec::new();
    }
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    let span = if hi > lo { hi - lo } else { lo.abs().max(1.0) };
    let raw = span / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).floor() * step;
    let mut ticks = Vec::new();
    let mut i = 0.0;
    loop {
        // Multiples of the step, so floating noise does not accumulate.
        let v = first + i * step;
        ticks.push((v / step).round() * step);
        if v >= hi - step * 1e-9 && ticks.len() >= 2 {
            return ticks;
        }
        i += 1.0;
    }
}

/// A tick label without needless decimals.
pub fn format_tick(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let a = v.abs();
    if a >= 1e6 {
        format!("{:.1}M", v / 1e6).replace(".0M", "M")
    } else if a >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else if a >= 1.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// A font size at most `size` at which `text` fits in `max_px`, estimating a glyph at 0.58
/// of the size (sans-serif, mixed case); never below 9 px, so long titles shrink, not clip.
pub fn fitted_size(text: &str, max_px: f64, size: f64) -> f64 {
    let per_size = 0.58 * text.chars().count() as f64;
    if per_size == 0.0 {
        return size;
    }
    (max_px / per_size).clamp(9.0, size)
}

/// Maps a data interval onto a pixel interval.
#[derive(Debug, Clone, Copy)]
pub struct LinearScale {
    pub d0: f64,
    pub d1: f64,
    pub p0: f64,
    pub p1: f64,
}

impl LinearScale {
    pub fn new(domain: (f64, f64), pixels: (f64, f64)) -> Self {
        let (d0, d1) = if domain.0 == domain.1 {
            (domain.0 - 1.0, domain.1 + 1.0)
        } else {
            domain
        };
        LinearScale {
            d0,
            d1,
            p0: pixels.0,
            p1: pixels.1,
        }
    }

    pub fn px(&self, v: f64) -> f64 {
        self.p0 + (v - self.d0) / (self.d1 - self.d0) * (self.p1 - self.p0)
    }
}

/// An SVG document under construction. Coordinates are written with one decimal.
pub struct Svg {
    pub width: f64,
    pub height: f64,
    body: String,
}

impl Svg {
    pub fn new(width: f64, height: f64) -> Self {
        Svg {
            width,
            height,
            body: String::new(),
        }
    }

    /// Raw markup, for shapes the helpers below do not cover.
    pub fn raw(&mut self, markup: &str) {
        self.body.push_str(markup);
        self.body.push('\n');
    }

    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, style: &str) {
        let _ = writeln!(
            self.body,
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" {style}/>"#
        );
    }

    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, style: &str) {
        let _ = writeln!(
            self.body,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" {style}/>"#,
            w.max(0.0),
            h.max(0.0)
        );
    }

    pub fn circle(&mut self, cx: f64, cy: f64, r: f64, style: &str) {
        let _ = writeln!(
            self.body,
            r#"<circle cx="{cx:.1}" cy="{cy:.1}" r="{r:.1}" {style}/>"#
        );
    }

    /// A polyline through the points; non-finite points break the line into pieces.
    pub fn polyline(&mut self, points: &[(f64, f64)], style: &str) {
        for run in points
            .split(|(x, y)| !x.is_finite() || !y.is_finite())
            .filter(|r| !r.is_empty())
        {
            let pts: Vec<String> = run.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
            let _ = writeln!(
                self.body,
                r#"<polyline fill="none" points="{}" {style}/>"#,
                pts.join(" ")
            );
        }
    }

    /// A closed filled polygon (an interval band: upper points then lower points reversed).
    pub fn polygon(&mut self, points: &[(f64, f64)], style: &str) {
        let pts: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect();
        let _ = writeln!(
            self.body,
            r#"<polygon points="{}" {style}/>"#,
            pts.join(" ")
        );
    }

    /// Text at (x, y); `anchor` is `start`, `middle` or `end`. The text is escaped.
    pub fn text(&mut self, x: f64, y: f64, anchor: &str, size: f64, text: &str, extra: &str) {
        let _ = writeln!(
            self.body,
            r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}" font-size="{size}" {extra}>{}</text>"#,
            escape(text)
        );
    }

    /// A `<title>` tooltip on the next shape is browser-native; this wraps a shape with one.
    pub fn titled(&mut self, title: &str, shape: &str) {
        let _ = writeln!(self.body, "<g><title>{}</title>{shape}</g>", escape(title));
    }

    /// The finished document, with a title and description for screen readers.
    pub fn finish(self, title: &str, description: &str) -> String {
        format!(
            concat!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" "#,
                r#"role="img" aria-labelledby="t d" font-family="system-ui, sans-serif">"#,
                "\n<title id=\"t\">{title}</title>\n<desc id=\"d\">{desc}</desc>\n",
                r#"<rect width="100%" height="100%" fill="white"/>"#,
                "\n{body}</svg>\n"
            ),
            w = self.width,
            h = self.height,
            title = escape(title),
            desc = escape(description),
            body = self.body
        )
    }
}

/// The plot area of an x–y chart with its scales, axes, grid and labels.
pub struct Frame {
    pub x: LinearScale,
    pub y: LinearScale,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

/// Margins around the plot area, in pixels: room for the title, tick labels and axis titles.
const MARGIN_LEFT: f64 = 70.0;
const MARGIN_RIGHT: f64 = 20.0;
const MARGIN_TOP: f64 = 40.0;
const MARGIN_BOTTOM: f64 = 55.0;

impl Frame {
    /// A frame filling `svg` for the data ranges; the y range is widened to round ticks.
    pub fn new(svg: &Svg, x_range: (f64, f64), y_range: (f64, f64)) -> Self {
        let yt = nice_ticks(y_range.0, y_range.1, 6);
        let y0 = yt.first().copied().unwrap_or(y_range.0).min(y_range.0);
        let y1 = yt.last().copied().unwrap_or(y_range.1).max(y_range.1);
        let (left, right) = (MARGIN_LEFT, svg.width - MARGIN_RIGHT);
        let (top, bottom) = (MARGIN_TOP, svg.height - MARGIN_BOTTOM);
        Frame {
            x: LinearScale::new(x_range, (left, right)),
            y: LinearScale::new((y0, y1), (bottom, top)),
            left,
            right,
            top,
            bottom,
        }
    }

    /// Title, axis titles, y grid with tick labels, and x ticks labelled by `x_label`
    /// (which returns `None` for positions to leave unlabelled).
    pub fn draw_axes(
        &self,
        svg: &mut Svg,
        title: &str,
        x_title: &str,
        y_title: &str,
        x_ticks: &[f64],
        x_label: &dyn Fn(f64) -> Option<String>,
    ) {
        let size = fitted_size(title, svg.width - self.left - 10.0, 15.0);
        svg.text(
            self.left,
            22.0,
            "start",
            size,
            title,
            r#"font-weight="600""#,
        );
        for v in nice_ticks(self.y.d0, self.y.d1, 6) {
            if v < self.y.d0 - 1e-9 || v > self.y.d1 + 1e-9 {
                continue;
            }
            let py = self.y.px(v);
            svg.line(self.left, py, self.right, py, r##"stroke="#e3e3e3""##);
            svg.text(
                self.left - 6.0,
                py + 4.0,
                "end",
                11.0,
                &format_tick(v),
                r##"fill="#444""##,
            );
        }
        svg.line(
            self.left,
            self.bottom,
            self.right,
            self.bottom,
            r##"stroke="#333""##,
        );
        svg.line(
            self.left,
            self.top,
            self.left,
            self.bottom,
            r##"stroke="#333""##,
        );
        for &v in x_ticks {
            let px = self.x.px(v);
            svg.line(px, self.bottom, px, self.bottom + 5.0, r##"stroke="#333""##);
            if let Some(label) = x_label(v) {
                svg.text(
                    px,
                    self.bottom + 18.0,
                    "middle",
                    11.0,
                    &label,
                    r##"fill="#444""##,
                );
            }
        }
        svg.text(
            (self.left + self.right) / 2.0,
            svg.height - 12.0,
            "middle",
            12.0,
            x_title,
            "",
        );
        let cy = (self.top + self.bottom) / 2.0;
        svg.text(
            16.0,
            cy,
            "middle",
            12.0,
            y_title,
            &format!(r#"transform="rotate(-90 16 {cy:.1})""#),
        );
    }

    /// A dashed vertical marker with a label at the top (an intervention, a forecast origin).
    pub fn marker(&self, svg: &mut Svg, x: f64, label: &str) {
        let px = self.x.px(x);
        svg.line(
            px,
            self.top,
            px,
            self.bottom,
            r##"stroke="#b00020" stroke-dasharray="5 4" stroke-width="1.5""##,
        );
        // Right of the line, unless the label would run past the plot: then left of it.
        let width = 0.58 * 11.0 * label.chars().count() as f64;
        let (lx, anchor) = if px + 4.0 + width > self.right {
            (px - 4.0, "end")
        } else {
            (px + 4.0, "start")
        };
        svg.text(
            lx,
            self.top + 12.0,
            anchor,
            11.0,
            label,
            r##"fill="#b00020""##,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        let t = nice_ticks(-0.37, 1.62, 5);
        assert_eq!(t.first().copied(), Some(-0.5));
        assert!(*t.last().unwrap() >= 1.62 - 1e-9);
        assert!(t.windows(2).all(|w| ((w[1] - w[0]) - 0.5).abs() < 1e-9));
        assert!(nice_ticks(0.0, 0.0, 5).len() >= 2);
        assert!(nice_ticks(f64::NAN, 1.0, 5).is_empty());
    }

    #[test]
    fn a_marker_label_at_the_right_edge_turns_left() {
        let svg = Svg::new(400.0, 200.0);
        let frame = Frame::new(&svg, (0.0, 10.0), (0.0, 1.0));
        let mut doc = Svg::new(400.0, 200.0);
        frame.marker(&mut doc, 9.9, "forecast");
        frame.marker(&mut doc, 1.0, "origin");
        let out = doc.finish("t", "d");
        assert!(
            out.contains(r##"text-anchor="end" font-size="11" fill="#b00020">forecast<"##),
            "{out}"
        );
        assert!(out.contains(r##"text-anchor="start" font-size="11" fill="#b00020">origin<"##));
    }

    #[test]
    fn long_titles_shrink_to_fit() {
        assert_eq!(fitted_size("Short", 600.0, 15.0), 15.0);
        let long = "x".repeat(80);
        let size = fitted_size(&long, 600.0, 15.0);
        assert!(size < 15.0 && 0.58 * 80.0 * size <= 600.0 + 1e-9);
        assert_eq!(fitted_size(&"x".repeat(1000), 600.0, 15.0), 9.0);
    }

    #[test]
    fn tick_labels_drop_needless_decimals() {
        assert_eq!(format_tick(20.0), "20");
        assert_eq!(format_tick(0.25), "0.25");
        assert_eq!(format_tick(2.5), "2.5");
        assert_eq!(format_tick(25000.0), "25k");
        assert_eq!(format_tick(1_500_000.0), "1.5M");
    }

    #[test]
    fn text_is_escaped_and_the_document_is_labelled() {
        let mut s = Svg::new(200.0, 100.0);
        s.text(1.0, 2.0, "start", 10.0, "A & B <c>", "");
        let doc = s.finish("Sinaloa \"after\"", "desc");
        assert!(doc.contains("A &amp; B &lt;c&gt;"));
        assert!(doc.contains("<title id=\"t\">Sinaloa &quot;after&quot;</title>"));
        assert!(doc.starts_with("<svg"));
    }

    #[test]
    fn scales_map_ends_and_flip_for_y() {
        let s = LinearScale::new((0.0, 10.0), (100.0, 0.0));
        assert_eq!(s.px(0.0), 100.0);
        assert_eq!(s.px(10.0), 0.0);
        assert_eq!(s.px(5.0), 50.0);
        // A degenerate domain still maps somewhere finite.
        assert!(LinearScale::new((3.0, 3.0), (0.0, 1.0)).px(3.0).is_finite());
    }

    #[test]
    fn polyline_breaks_at_missing_points() {
        let mut s = Svg::new(10.0, 10.0);
        s.polyline(
            &[
                (0.0, 0.0),
                (1.0, 1.0),
                (2.0, f64::NAN),
                (3.0, 3.0),
                (4.0, 4.0),
            ],
            "",
        );
        let doc = s.finish("t", "d");
        assert_eq!(doc.matches("<polyline").count(), 2);
    }
}
