//! Synthetic ACLED events for benchmarks and tests: realistic enough that the analyses
//! have something to find, reproducible byte for byte from a seed, and streamed in
//! constant memory whatever the number of events.
//!
//! How the events are drawn:
//! 1. A latent daily process per state (a discrete-time Hawkes process on counts, the model
//!    the forecast reasons with): a baseline proportional to the state's real homicide
//!    rate ([`STATE_WEIGHTS`]), scaled by the national yearly trend and the month's
//!    seasonality, plus self-excitation (each latent event raises its own state's rate for
//!    a few weeks) and a smaller excitation of the neighbouring states. A kingpin
//!    [`Shock`] multiplies the rates of the shock states from its date on, decaying over
//!    months, with a spike of blockades and arson in the first days.
//! 2. The daily intensities (days × 32 numbers, independent of the number of events) are
//!    the weights of a multinomial draw of exactly `events` events, drawn as sorted
//!    uniforms so that events come out in date order, one at a time.
//! 3. Each event gets a kind from a realistic mix, actors from the groups present in its
//!    state, small over-dispersed fatality counts, coordinates near a city of the state, a
//!    source and a short note, and is written through [`AcledWriter`].

use std::io::{self, Write};

use atalaya_core::gazetteer::{self, MunicipalCatalog};
use atalaya_core::{DatePrecision, Event, EventKind, Measures, Origin, Source};
use chrono::{Datelike, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::export::AcledWriter;

/// Relative violence per state: SESNSP victims of `homicidio_doloso` in 2019, summed from
/// `shared/data/stats/sesnsp_state_monthly_victims_2015_2025.csv` (SESNSP, "Víctimas y
/// unidades robadas, nueva metodología", fuero común; 34,723 victims in all).
pub const STATE_WEIGHTS: [(&str, u32); 32] = [
    ("01", 102),
    ("02", 2865),
    ("03", 84),
    ("04", 76),
    ("05", 287),
    ("06", 750),
    ("07", 577),
    ("08", 2580),
    ("09", 1544),
    ("10", 170),
    ("11", 3540),
    ("12", 1878),
    ("13", 352),
    ("14", 2671),
    ("15", 2859),
    ("16", 2080),
    ("17", 1019),
    ("18", 183),
    ("19", 889),
    ("20", 1199),
    ("21", 1250),
    ("22", 192),
    ("23", 778),
    ("24", 494),
    ("25", 896),
    ("26", 1356),
    ("27", 670),
    ("28", 848),
    ("29", 173),
    ("30", 1694),
    ("31", 33),
    ("32", 634),
];

/// National yearly level relative to 2019, from the same SESNSP file (2025: first half,
/// annualised; 2026 extrapolated). Years outside the table take the nearest entry.
const YEAR_LEVEL: [(i32, f64); 12] = [
    (2015, 0.515),
    (2016, 0.649),
    (2017, 0.831),
    (2018, 0.972),
    (2019, 1.000),
    (2020, 0.996),
    (2021, 0.961),
    (2022, 0.892),
    (2023, 0.856),
    (2024, 0.865),
    (2025, 0.734),
    (2026, 0.700),
];

/// Month-of-year factors (SESNSP homicides 2019–2024, each month over the mean).
const MONTH_LEVEL: [f64; 12] = [
    1.003, 0.937, 1.026, 1.004, 1.054, 1.020, 1.027, 1.015, 1.002, 1.011, 0.955, 0.946,
];

/// A city per state (mostly the capital or the most violent metropolis) the events scatter
/// around, with its name for the notes.
const PLACES: [(f64, f64, &str); 32] = [
    (21.88, -102.29, "Aguascalientes"),
    (32.51, -117.04, "Tijuana"),
    (24.14, -110.31, "La Paz"),
    (19.85, -90.53, "Campeche"),
    (25.42, -101.00, "Saltillo"),
    (19.24, -103.72, "Colima"),
    (16.75, -93.12, "Tuxtla Gutiérrez"),
    (28.63, -106.07, "Chihuahua"),
    (19.43, -99.13, "Iztapalapa"),
    (24.02, -104.66, "Durango"),
    (20.67, -101.35, "Irapuato"),
    (17.55, -99.50, "Chilpancingo"),
    (20.10, -98.76, "Pachuca"),
    (20.67, -103.35, "Guadalajara"),
    (19.29, -99.65, "Toluca"),
    (19.70, -101.19, "Morelia"),
    (18.92, -99.23, "Cuernavaca"),
    (21.50, -104.89, "Tepic"),
    (25.69, -100.32, "Monterrey"),
    (17.07, -96.73, "Oaxaca"),
    (19.04, -98.21, "Puebla"),
    (20.59, -100.39, "Querétaro"),
    (21.16, -86.85, "Cancún"),
    (22.15, -100.98, "San Luis Potosí"),
    (24.81, -107.39, "Culiacán"),
    (29.07, -110.96, "Hermosillo"),
    (17.99, -92.93, "Villahermosa"),
    (23.74, -99.14, "Ciudad Victoria"),
    (19.32, -98.24, "Tlaxcala"),
    (19.54, -96.91, "Xalapa"),
    (20.97, -89.62, "Mérida"),
    (22.77, -102.58, "Zacatecas"),
];

/// Armed groups present in each state, dominant first, with relative weights (a sketch
/// from press and InSight Crime reporting; names are canonical names of the registry).
const PRESENCE: [&[(&str, u32)]; 32] = [
    &[("CJNG", 6), ("Sinaloa Cartel", 3)],
    &[("Sinaloa Cartel", 5), ("CJNG", 4), ("Tijuana Cartel", 2)],
    &[("Sinaloa Cartel", 5), ("CJNG", 3)],
    &[("Gulf Cartel", 3), ("CJNG", 3), ("Los Zetas", 2)],
    &[
        ("Cartel del Noreste", 4),
        ("Gulf Cartel", 2),
        ("Los Zetas", 1),
    ],
    &[
        ("CJNG", 6),
        ("Sinaloa Cartel", 3),
        ("Cartel Independiente de Colima", 2),
    ],
    &[("CJNG", 4), ("Sinaloa Cartel", 4)],
    &[
        ("Sinaloa Cartel", 4),
        ("Juarez Cartel", 3),
        ("Los Aztecas", 2),
        ("Los Chapitos", 2),
        ("La Mayiza", 1),
    ],
    &[
        ("La Union de Tepito", 4),
        ("Fuerza Anti Unión", 3),
        ("CJNG", 2),
    ],
    &[("Sinaloa Cartel", 5), ("CJNG", 2)],
    &[("CJNG", 6), ("Santa Rosa de Lima Cartel", 4)],
    &[
        ("La Nueva Familia Michoacana", 4),
        ("Los Ardillos", 3),
        ("Los Tlacos", 3),
        ("Guerreros Unidos", 2),
        ("Cartel Independiente de Acapulco", 2),
        ("Los Rojos", 1),
        ("CJNG", 2),
    ],
    &[("CJNG", 4), ("Huachicoleros", 2)],
    &[
        ("CJNG", 8),
        ("Nueva Plaza Cartel", 2),
        ("Sinaloa Cartel", 1),
    ],
    &[
        ("La Familia Michoacana", 5),
        ("CJNG", 4),
        ("La Union de Tepito", 1),
    ],
    &[
        ("CJNG", 5),
        ("Carteles Unidos", 4),
        ("Los Viagras", 3),
        ("Knights Templar", 1),
        ("La Nueva Familia Michoacana", 2),
        ("Autodefensas", 1),
    ],
    &[
        ("Guerreros Unidos", 3),
        ("Los Rojos", 2),
        ("CJNG", 3),
        ("La Nueva Familia Michoacana", 2),
    ],
    &[("CJNG", 5), ("Sinaloa Cartel", 3)],
    &[("Cartel del Noreste", 4), ("Gulf Cartel", 3), ("CJNG", 2)],
    &[("CJNG", 4), ("Sinaloa Cartel", 2), ("Los Zetas", 1)],
    &[("CJNG", 4), ("Huachicoleros", 3), ("Los Zetas", 1)],
    &[("CJNG", 4), ("Santa Rosa de Lima Cartel", 2)],
    &[("CJNG", 4), ("Sinaloa Cartel", 3), ("Gulf Cartel", 1)],
    &[("CJNG", 4), ("Cartel del Noreste", 3), ("Gulf Cartel", 2)],
    &[
        ("Los Chapitos", 5),
        ("La Mayiza", 5),
        ("Sinaloa Cartel", 2),
        ("Beltran Leyva", 1),
    ],
    &[
        ("Sinaloa Cartel", 4),
        ("Caborca Cartel", 3),
        ("Los Chapitos", 2),
        ("La Mayiza", 2),
    ],
    &[("CJNG", 4), ("La Barredora", 3)],
    &[("Gulf Cartel", 5), ("Cartel del Noreste", 5)],
    &[("CJNG", 3), ("Huachicoleros", 1)],
    &[("CJNG", 5), ("Gulf Cartel", 2), ("Los Zetas", 2)],
    &[("CJNG", 2), ("Sinaloa Cartel", 1)],
    &[
        ("CJNG", 5),
        ("Sinaloa Cartel", 4),
        ("Cartel del Noreste", 1),
    ],
];

const FORCES: [(&str, u32); 5] = [
    ("National Guard", 5),
    ("Army", 4),
    ("Navy", 1),
    ("State police", 3),
    ("Municipal police", 2),
];

const OUTLETS: [&str; 10] = [
    "Milenio",
    "El Universal",
    "Reforma",
    "La Jornada",
    "Proceso",
    "El Financiero",
    "Animal Politico",
    "Infobae",
    "Reuters",
    "local press",
];

/// The usual mix of kinds (per mille).
const KINDS: [(EventKind, u32); 15] = [
    (EventKind::Homicide, 300),
    (EventKind::ArmedClash, 250),
    (EventKind::AttackOnForces, 100),
    (EventKind::Arrest, 80),
    (EventKind::Seizure, 60),
    (EventKind::Disappearance, 40),
    (EventKind::RoadBlockade, 30),
    (EventKind::Arson, 30),
    (EventKind::Massacre, 20),
    (EventKind::Kidnapping, 20),
    (EventKind::ExplosiveAttack, 20),
    (EventKind::DroneAttack, 10),
    (EventKind::Protest, 10),
    (EventKind::LeaderCaptured, 3),
    (EventKind::LeaderKilled, 2),
];

/// Latent process scale: expected latent events per day nationwide at the 2019 level.
const LATENT_PER_DAY: f64 = 40.0;
/// Share of a latent event's offspring in its own state, and at most in its neighbours
/// (split among them by their weights); their sum is the branching ratio and must stay below 1.
const SELF_EXCITATION: f64 = 0.45;
const NEIGHBOUR_EXCITATION: f64 = 0.15;
/// Mean delay of an offspring event, days (exponential kernel: a few weeks of excitation).
const EXCITATION_DAYS: f64 = 10.0;
/// Extra intensity of the blockade spike right after a shock, at full strength, and its
/// decay in days.
const SPIKE: f64 = 6.0;
const SPIKE_DAYS: f64 = 1.5;

/// A kingpin removal: the rates of the states where the leader's group operates jump by
/// `factor` on `date` and decay back with time constant `decay_days`; the first days bring
/// a burst of road blockades and arson.
#[derive(Debug, Clone, PartialEq)]
pub struct Shock {
    /// Canonical name of the leader's group.
    pub actor: String,
    /// INEGI code of the state where the leader fell (full strength).
    pub state: String,
    pub date: NaiveDate,
    /// Rate multiplier on the shock date in `state` (other states of the group take part of
    /// it, see [`Shock::states`]).
    pub factor: f64,
    pub decay_days: f64,
}

impl Default for Shock {
    /// A leader of the CJNG removed in Jalisco on 2026-02-22.
    fn default() -> Self {
        Shock {
            actor: "CJNG".into(),
            state: "14".into(),
            date: NaiveDate::from_ymd_opt(2026, 2, 22).expect("valid date"),
            factor: 2.0,
            decay_days: 90.0,
        }
    }
}

impl Shock {
    /// The states the shock touches, with its strength there: 1 in the leader's state,
    /// 0.5 where the group is the dominant one, 0.2 where it is otherwise present.
    pub fn states(&self) -> Vec<(&'static str, f64)> {
        let mut v = Vec::new();
        for (i, groups) in PRESENCE.iter().enumerate() {
            let code = STATE_WEIGHTS[i].0;
            let strength = if code == self.state {
                1.0
            } else if groups.first().is_some_and(|g| g.0 == self.actor) {
                0.5
            } else if groups.iter().any(|g| g.0 == self.actor) {
                0.2
            } else {
                continue;
            };
            v.push((code, strength));
        }
        if !v.iter().any(|(c, _)| *c == self.state) {
            if let Some(s) = gazetteer::state(&self.state) {
                v.push((s.code, 1.0));
                v.sort_by(|a, b| a.0.cmp(b.0));
            }
        }
        v
    }
}

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct SynthConfig {
    pub events: u64,
    pub seed: u64,
    /// First and last day (inclusive).
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub shock: Option<Shock>,
}

impl Default for SynthConfig {
    /// One million events from 2019-01-01 to 2026-06-30, seed 42, the default shock.
    fn default() -> Self {
        SynthConfig {
            events: 1_000_000,
            seed: 42,
            start: NaiveDate::from_ymd_opt(2019, 1, 1).expect("valid date"),
            end: NaiveDate::from_ymd_opt(2026, 6, 30).expect("valid date"),
            shock: Some(Shock::default()),
        }
    }
}

impl SynthConfig {
    /// The default period and shock with `events` events from `seed`.
    pub fn new(events: u64, seed: u64) -> Self {
        SynthConfig {
            events,
            seed,
            ..SynthConfig::default()
        }
    }
}

fn invalid(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg)
}

/// `generate` into a new file at `path` (replaced if it exists).
pub fn generate_file(cfg: &SynthConfig, path: &std::path::Path) -> io::Result<u64> {
    generate(cfg, std::fs::File::create(path)?)
}

/// Writes `cfg.events` synthetic events as ACLED CSV (header included) to `out`, in date
/// order, and returns the number of rows written. The same configuration always writes the
/// same bytes. Memory does not grow with the number of events. Output is buffered here;
/// pass a `File` directly.
pub fn generate<W: Write>(cfg: &SynthConfig, out: W) -> io::Result<u64> {
    let out = io::BufWriter::with_capacity(1 << 20, out);
    let mut w = AcledWriter::new(out, MunicipalCatalog::new()).map_err(io::Error::from)?;
    let n = generate_with(cfg, |ev, _| w.write(ev).map_err(io::Error::from))?;
    w.finish()?.flush()?;
    Ok(n)
}

/// The events of `generate` as `import acled` stores them from its CSV (which is not
/// written): each row goes through the ACLED importer's parser, so the same seed gives the
/// same events in either format. Their origin names `file` and the line the row would have
/// in the CSV. For `synth --format parquet`.
pub fn generate_events(
    cfg: &SynthConfig,
    file: &str,
    mut each: impl FnMut(Event) -> io::Result<()>,
) -> io::Result<u64> {
    use crate::import::acled::{AcledParser, COLUMNS};
    use crate::import::{Columns, Context, Item, Parser, Row};
    let w = AcledWriter::new(io::sink(), MunicipalCatalog::new()).map_err(io::Error::from)?;
    let cols = Columns::new(&csv::ByteRecord::from(COLUMNS.to_vec())).map_err(invalid)?;
    let mut parser = AcledParser::default();
    parser.header(&cols).map_err(invalid)?;
    let ctx = Context {
        file: file.to_string(),
        catalog: MunicipalCatalog::new(),
    };
    generate_with(cfg, |ev, line| {
        let record = Ok(csv::StringRecord::from(w.record(ev).to_vec()));
        let row = Row::new(&record, &cols, line);
        let items = parser.row(&row, &ctx).map_err(|e| {
            io::Error::other(format!(
                "synthetic row {line}: field {}: {}",
                e.field, e.message
            ))
        })?;
        for item in items {
            if let Item::Event(e) = item {
                each(*e)?;
            }
        }
        Ok(())
    })
}

/// Draws the events (see the module docs) and hands each to `sink` with the line it has
/// in the CSV (the header is line 1).
fn generate_with(
    cfg: &SynthConfig,
    mut sink: impl FnMut(&Event, u64) -> io::Result<()>,
) -> io::Result<u64> {
    if cfg.end < cfg.start {
        return Err(invalid(format!(
            "the end {} is before the start {}",
            cfg.end, cfg.start
        )));
    }
    if let Some(s) = &cfg.shock {
        if gazetteer::state(&s.state).is_none() {
            return Err(invalid(format!(
                "shock state {:?} is not a state code",
                s.state
            )));
        }
        if !(s.factor.is_finite() && s.factor > 0.0 && s.decay_days > 0.0) {
            return Err(invalid(
                "shock factor and decay_days must be positive".to_string(),
            ));
        }
    }
    let days = (cfg.end - cfg.start).num_days() as usize + 1;
    let shock = cfg.shock.as_ref().map(|s| {
        let mut strength = [0.0f64; 32];
        for (code, st) in s.states() {
            strength[state_index(code)] = st;
        }
        (s, strength)
    });
    let mass = latent_intensity(cfg, days, shock.as_ref().map(|(s, st)| (*s, st)));
    let total: f64 = mass.iter().sum();

    let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
    rng.set_stream(1);
    let mut ev = Event {
        id: String::new(),
        kind: EventKind::Homicide,
        date: None,
        date_precision: DatePrecision::Day,
        state: None,
        municipality: None,
        lat: None,
        lon: None,
        geo_precision: None,
        actors: Vec::new(),
        measures: Measures::default(),
        sources: vec![Source::default()],
        origin: Origin::default(),
        tags: Vec::new(),
    };
    let n = cfg.events;
    let mut u = 0.0f64;
    let mut cell = 0usize;
    let mut cum = mass.first().copied().unwrap_or(0.0);
    let mut cur_day = usize::MAX;
    let mut date = cfg.start;
    let mut date_iso = String::new();
    let mut date_long = String::new();
    for k in 0..n {
        // The next of n sorted uniforms: U(k+1) = 1 - (1 - U(k)) V^(1/(n-k)).
        let v: f64 = 1.0 - rng.random::<f64>();
        u = 1.0 - (1.0 - u) * v.powf(1.0 / (n - k) as f64);
        let target = u * total;
        while cum < target && cell + 1 < mass.len() {
            cell += 1;
            cum += mass[cell];
        }
        let (day, s) = (cell / 32, cell % 32);
        if day != cur_day {
            cur_day = day;
            date = cfg.start + chrono::Duration::days(day as i64);
            date_iso = atalaya_core::period::iso_date(date);
            date_long = date.format("%-d %B %Y").to_string();
        }
        let burst = match &shock {
            Some((sh, strength)) if strength[s] > 0.0 && date >= sh.date => {
                let dt = (date - sh.date).num_days() as f64;
                0.8 * strength[s].sqrt() * (-dt / 2.0).exp()
            }
            _ => 0.0,
        };
        fill_event(
            &mut ev,
            &mut rng,
            cfg.seed,
            k + 1,
            s,
            &date_iso,
            &date_long,
            burst,
        );
        sink(&ev, k + 2)?;
    }
    Ok(n)
}

fn state_index(code: &str) -> usize {
    code.parse::<usize>().expect("state code") - 1
}

/// The national level on `date`: yearly level interpolated between mid-years, times the
/// month's seasonality.
fn national_level(date: NaiveDate) -> f64 {
    let t = date.year() as f64 + (date.ordinal0() as f64 + 0.5) / 365.25 - 0.5;
    let (first, last) = (YEAR_LEVEL[0], YEAR_LEVEL[YEAR_LEVEL.len() - 1]);
    let year = if t <= first.0 as f64 {
        first.1
    } else if t >= last.0 as f64 {
        last.1
    } else {
        let i = (t.floor() as i32 - first.0) as usize;
        let f = t - t.floor();
        YEAR_LEVEL[i].1 * (1.0 - f) + YEAR_LEVEL[i + 1].1 * f
    };
    year * MONTH_LEVEL[date.month0() as usize]
}

/// Simulates the latent Hawkes process and returns its intensity per (day, state), laid
/// out day-major (`day * 32 + state`).
fn latent_intensity(
    cfg: &SynthConfig,
    days: usize,
    shock: Option<(&Shock, &[f64; 32])>,
) -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
    rng.set_stream(0);
    let wsum: f64 = STATE_WEIGHTS.iter().map(|w| w.1 as f64).sum();
    let target: Vec<f64> = STATE_WEIGHTS
        .iter()
        .map(|w| LATENT_PER_DAY * w.1 as f64 / wsum)
        .collect();
    let neighbours: Vec<Vec<usize>> = STATE_WEIGHTS
        .iter()
        .map(|w| {
            gazetteer::neighbours(w.0)
                .into_iter()
                .map(state_index)
                .collect()
        })
        .collect();
    // Spill-over from state j to neighbour s: a share of NEIGHBOUR_EXCITATION in
    // proportion to s's weight among j and its neighbours (violence spills where it
    // already has a foothold, so small states next to large ones are not swamped).
    let spill: Vec<Vec<(usize, f64)>> = neighbours
        .iter()
        .enumerate()
        .map(|(s, nb)| {
            nb.iter()
                .map(|&j| {
                    let around_j: f64 =
                        target[j] + neighbours[j].iter().map(|&k| target[k]).sum::<f64>();
                    (j, NEIGHBOUR_EXCITATION * target[s] / around_j)
                })
                .collect()
        })
        .collect();
    // Baselines chosen so that the stationary rates match the targets: μ = (I − K) r,
    // floored so that every state keeps some violence of its own.
    let mut mu = vec![0.0f64; 32];
    for s in 0..32 {
        let from_nb: f64 = spill[s].iter().map(|&(j, k)| k * target[j]).sum();
        mu[s] = (target[s] * (1.0 - SELF_EXCITATION) - from_nb).max(0.15 * target[s]);
    }
    let decay = (-1.0 / EXCITATION_DAYS).exp();
    // Excitation memory per state: Σ past counts × decay^age, started at its stationary value.
    let mut memory: Vec<f64> = target.iter().map(|r| r / (1.0 - decay)).collect();
    let mut mass = vec![0.0f64; days * 32];
    let mut counts = [0.0f64; 32];
    for day in 0..days {
        let date = cfg.start + chrono::Duration::days(day as i64);
        let level = national_level(date);
        for s in 0..32 {
            let mut base = mu[s] * level;
            if let Some((sh, strength)) = shock {
                if strength[s] > 0.0 && date >= sh.date {
                    let dt = (date - sh.date).num_days() as f64;
                    base *= 1.0 + (sh.factor - 1.0) * strength[s] * (-dt / sh.decay_days).exp();
                    base *= 1.0 + SPIKE * strength[s] * (-dt / SPIKE_DAYS).exp();
                }
            }
            let own = SELF_EXCITATION * (1.0 - decay) * memory[s];
            let nb: f64 = spill[s]
                .iter()
                .map(|&(j, k)| k * (1.0 - decay) * memory[j])
                .sum();
            let lambda = base + own + nb;
            mass[day * 32 + s] = lambda;
            counts[s] = poisson(&mut rng, lambda);
        }
        for s in 0..32 {
            memory[s] = memory[s] * decay + counts[s];
        }
    }
    mass
}

fn poisson(rng: &mut ChaCha8Rng, lambda: f64) -> f64 {
    if lambda <= 0.0 {
        return 0.0;
    }
    if lambda > 30.0 {
        // Normal approximation, ample for a latent intensity.
        let z = normal(rng);
        return (lambda + z * lambda.sqrt()).round().max(0.0);
    }
    let limit = (-lambda).exp();
    let mut k = 0.0;
    let mut p: f64 = rng.random();
    while p > limit {
        k += 1.0;
        p *= rng.random::<f64>();
    }
    k
}

fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// Failures before the first success, success probability `p`.
fn geometric(rng: &mut ChaCha8Rng, p: f64) -> u32 {
    let u: f64 = 1.0 - rng.random::<f64>();
    (u.ln() / (1.0 - p).ln()).floor().min(1000.0) as u32
}

/// Negative binomial with shape 2 and the given mean (a sum of two geometrics): small
/// counts with the long tail of real fatality counts.
fn neg_binomial(rng: &mut ChaCha8Rng, mean: f64) -> u32 {
    let p = 1.0 / (1.0 + mean / 2.0);
    geometric(rng, p) + geometric(rng, p)
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [(T, u32)]) -> &'a T {
    let total: u32 = items.iter().map(|i| i.1).sum();
    let mut r = rng.random_range(0..total);
    for (item, w) in items {
        if r < *w {
            return item;
        }
        r -= w;
    }
    &items[items.len() - 1].0
}

/// A group present in state `s` other than `not`, or the generic unidentified group.
fn rival(rng: &mut ChaCha8Rng, s: usize, not: &str) -> &'static str {
    let groups = PRESENCE[s];
    if groups.len() < 2 || rng.random::<f64>() < 0.15 {
        return "Unidentified criminal group";
    }
    for _ in 0..8 {
        let g = *pick(rng, groups);
        if g != not {
            return g;
        }
    }
    "Unidentified criminal group"
}

/// A count with its noun: "1 road", "3 roads".
struct Many(u32, &'static str, &'static str);

impl std::fmt::Display for Many {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let noun = if self.0 == 1 { self.1 } else { self.2 };
        write!(f, "{} {noun}", self.0)
    }
}

/// How a note names an actor.
fn label(actor: &str) -> &str {
    match actor {
        "Unidentified criminal group" => "an unidentified criminal group",
        "National Guard" => "the National Guard",
        "Army" => "the army",
        "Navy" => "the navy",
        "State police" => "state police",
        "Municipal police" => "municipal police",
        other => other,
    }
}

/// Replaces an optional string in place, reusing its allocation.
fn set(field: &mut Option<String>, value: &str) {
    match field {
        Some(s) => {
            s.clear();
            s.push_str(value);
        }
        None => *field = Some(value.to_string()),
    }
}

/// Refills an event's actor list, reusing the strings' allocations.
struct Actors<'a> {
    list: &'a mut Vec<String>,
    len: usize,
}

impl<'a> Actors<'a> {
    fn new(list: &'a mut Vec<String>) -> Self {
        Actors { list, len: 0 }
    }

    fn push(&mut self, name: &str) {
        if let Some(s) = self.list.get_mut(self.len) {
            s.clear();
            s.push_str(name);
        } else {
            self.list.push(name.to_string());
        }
        self.len += 1;
    }
}

impl Drop for Actors<'_> {
    fn drop(&mut self) {
        self.list.truncate(self.len);
    }
}

#[allow(clippy::too_many_arguments)]
fn fill_event(
    ev: &mut Event,
    rng: &mut ChaCha8Rng,
    seed: u64,
    n: u64,
    s: usize,
    date_iso: &str,
    date_long: &str,
    burst: f64,
) {
    use std::fmt::Write as _;
    use EventKind::*;
    let kind = if burst > 0.0 && rng.random::<f64>() < burst {
        if rng.random::<f64>() < 0.65 {
            RoadBlockade
        } else {
            Arson
        }
    } else {
        *pick(rng, &KINDS)
    };
    let state = &gazetteer::STATES[s];
    let (lat0, lon0, city) = PLACES[s];
    let group = if rng.random::<f64>() < 0.12 {
        "Unidentified criminal group"
    } else {
        *pick(rng, PRESENCE[s])
    };
    let force = *pick(rng, &FORCES);

    ev.id.clear();
    let _ = write!(ev.id, "SYN{seed}-{n}");
    ev.kind = kind;
    set(&mut ev.date, date_iso);
    set(&mut ev.state, state.code);
    // Scatter around the city: about ±0.5° (tens of kilometres).
    let lat = lat0 + (rng.random::<f64>() - 0.5) + (rng.random::<f64>() - 0.5) * 0.5;
    let lon = lon0 + (rng.random::<f64>() - 0.5) + (rng.random::<f64>() - 0.5) * 0.5;
    ev.lat = Some((lat * 1e4).round() / 1e4);
    ev.lon = Some((lon * 1e4).round() / 1e4);
    ev.geo_precision = Some(if rng.random::<f64>() < 0.7 { 1 } else { 2 });
    ev.measures.0.clear();
    let mut actors = Actors::new(&mut ev.actors);

    let mut fatalities = 0u32;
    let source = &mut ev.sources[0];
    source.doc.clear();
    source
        .doc
        .push_str(OUTLETS[rng.random_range(0..OUTLETS.len())]);
    let note = &mut source.quote;
    note.clear();
    let _ = write!(note, "On {date_long}, ");
    let who = label(group);
    let fl = label(force);
    match kind {
        ArmedClash => {
            let other = rival(rng, s, group);
            fatalities = neg_binomial(rng, 1.3);
            actors.push(group);
            actors.push(other);
            let _ = write!(
                note,
                "members of {who} clashed with {} near {city}",
                label(other)
            );
        }
        AttackOnForces => {
            fatalities = neg_binomial(rng, 0.9);
            actors.push(group);
            actors.push(force);
            let _ = write!(
                note,
                "gunmen of {who} attacked {} near {city}",
                label(force)
            );
        }
        Homicide | Massacre => {
            fatalities = if kind == Massacre {
                4 + neg_binomial(rng, 2.0)
            } else {
                1 + (rng.random::<f64>() < 0.3) as u32 * (1 + geometric(rng, 0.6)).min(2)
            };
            actors.push(group);
            actors.push("Civilians");
            let _ = write!(
                note,
                "armed men killed {} in {city}",
                Many(fatalities, "person", "people")
            );
        }
        Disappearance | Kidnapping => {
            actors.push(group);
            actors.push("Civilians");
            let victims = 1 + geometric(rng, 0.6);
            ev.measures.set("victims", victims as f64);
            let verb = if kind == Kidnapping {
                "kidnapped"
            } else {
                "reported missing after being taken from"
            };
            if kind == Kidnapping {
                let _ = write!(
                    note,
                    "{} {verb} in {city}",
                    Many(victims, "person was", "people were")
                );
            } else {
                let _ = write!(
                    note,
                    "{} {verb} {city}",
                    Many(victims, "person was", "people were")
                );
            }
        }
        RoadBlockade => {
            actors.push(group);
            let blockades = 1 + geometric(rng, 0.35);
            let burned = geometric(rng, 0.4);
            ev.measures.set("blockades", blockades as f64);
            ev.measures.set("vehicles_burned", burned as f64);
            let _ = write!(
                note,
                "{who} blocked {} with {} around {city}",
                Many(blockades, "road", "roads"),
                Many(burned, "burning vehicle", "burning vehicles")
            );
        }
        Arson => {
            actors.push(group);
            let burned = 1 + geometric(rng, 0.4);
            ev.measures.set("vehicles_burned", burned as f64);
            let _ = write!(
                note,
                "{who} set fire to {} and businesses in {city}",
                Many(burned, "vehicle", "vehicles")
            );
        }
        ExplosiveAttack | DroneAttack => {
            fatalities = neg_binomial(rng, 0.5);
            let target = if rng.random::<f64>() < 0.5 {
                force
            } else {
                rival(rng, s, group)
            };
            actors.push(group);
            actors.push(target);
            let how = if kind == DroneAttack {
                "dropped explosives from drones on"
            } else {
                "detonated an explosive device against"
            };
            let _ = write!(note, "{who} {how} {} near {city}", label(target));
        }
        Arrest | LeaderCaptured => {
            actors.push(force);
            actors.push(group);
            let arrested = if kind == Arrest {
                1 + geometric(rng, 0.45)
            } else {
                1
            };
            ev.measures.set("arrested", arrested as f64);
            if kind == Arrest {
                let _ = write!(
                    note,
                    "{fl} arrested {} of {who} in {city}",
                    Many(arrested, "suspected member", "suspected members")
                );
            } else {
                let _ = write!(note, "{fl} captured a regional leader of {who} in {city}");
            }
        }
        LeaderKilled => {
            fatalities = 1 + neg_binomial(rng, 1.0);
            actors.push(force);
            actors.push(group);
            let _ = write!(
                note,
                "a regional leader of {who} was killed in a clash with {fl} near {city}"
            );
        }
        Seizure => {
            actors.push(force);
            actors.push(group);
            if rng.random::<f64>() < 0.5 {
                let weapons = 1 + geometric(rng, 0.3);
                ev.measures.set("weapons", weapons as f64);
                let _ = write!(
                    note,
                    "{fl} seized {} from {who} in {city}",
                    Many(weapons, "weapon", "weapons")
                );
            } else {
                let kg = 1 + geometric(rng, 0.05);
                ev.measures.set("drugs_kg", kg as f64);
                let _ = write!(
                    note,
                    "{fl} seized {kg} kg of drugs attributed to {who} in {city}"
                );
            }
        }
        _ => {
            actors.push("Civilians");
            let _ = write!(note, "residents protested against violence in {city}");
        }
    }
    if fatalities > 0 && rng.random::<f64>() < 0.3 {
        ev.measures.set("injured", (1 + geometric(rng, 0.5)) as f64);
    }
    ev.measures.set("fatalities", fatalities as f64);
    let _ = write!(note, ", {}.", state.name);
}
