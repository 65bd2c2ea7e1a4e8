//! Saved news pages written for the ingest benchmark and tests: English and Spanish
//! reports of incidents in Mexican cities, each inside a page with a menu, a sidebar, a
//! comment section and a footer, as a newspaper site serves them. Reproducible from a seed.

use std::io::Write;
use std::path::Path;

const PLACES: &[(&str, &str)] = &[
    ("Culiacán", "Sinaloa"),
    ("Guadalajara", "Jalisco"),
    ("Uruapan", "Michoacán"),
    ("Apatzingán", "Michoacán"),
    ("Reynosa", "Tamaulipas"),
    ("Celaya", "Guanajuato"),
    ("Tijuana", "Baja California"),
    ("Acapulco", "Guerrero"),
    ("Chilpancingo", "Guerrero"),
    ("Ciudad Juárez", "Chihuahua"),
    ("Cuernavaca", "Morelos"),
    ("Zacatecas", "Zacatecas"),
];

const EN: &[&str] = &[
    "Gunmen killed {n} police officers in {city}, {state}, on Monday, state authorities said.",
    "Members of the CJNG set fire to {n} vehicles to block roads in {city}, {state}, on Tuesday after the arrest of a local leader.",
    "Soldiers arrested {n} suspected members of the Sinaloa Cartel in {city}, {state}, on Wednesday, the defence ministry said.",
    "The bodies of {n} men were found in {city}, {state}, on Thursday, the state prosecutor's office said.",
];

const ES: &[&str] = &[
    "Hombres armados asesinaron a {n} policías en {city}, {state}, el lunes, informaron las autoridades estatales.",
    "Integrantes del CJNG incendiaron {n} vehículos para bloquear carreteras en {city}, {state}, el martes tras la detención de un líder local.",
    "Militares detuvieron a {n} presuntos integrantes del Cártel de Sinaloa en {city}, {state}, el miércoles, informó la Defensa.",
    "Los cuerpos de {n} hombres fueron hallados en {city}, {state}, el jueves, informó la fiscalía estatal.",
];

const FILLER_EN: &[&str] = &[
    "Residents said they heard gunfire for several minutes before the army arrived in the area.",
    "Schools in the municipality suspended classes for the rest of the week as a precaution.",
    "The state governor called a meeting of the security cabinet to review the situation.",
    "Local businesses closed early and public transport was suspended on several routes.",
];

const FILLER_ES: &[&str] = &[
    "Vecinos dijeron que escucharon disparos durante varios minutos antes de que llegara el Ejército.",
    "Las escuelas del municipio suspendieron clases el resto de la semana como medida preventiva.",
    "El gobernador convocó a una reunión del gabinete de seguridad para revisar la situación.",
    "Los comercios cerraron temprano y el transporte público se suspendió en varias rutas.",
];

/// A tiny deterministic generator (splitmix64): the corpus must not depend on a crate's
/// random streams.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// Writes `n` saved article pages (`article-00001.html`, …) into `dir`; returns their total
/// size in bytes.
pub fn write_pages(dir: &Path, n: usize, seed: u64) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Mix(seed);
    let mut bytes = 0;
    for i in 0..n {
        let es = rng.next().is_multiple_of(2);
        let (lead, filler, lang) = if es {
            (ES, FILLER_ES, "es")
        } else {
            (EN, FILLER_EN, "en")
        };
        let (city, state) = *rng.pick(PLACES);
        let count = 2 + rng.next() % 20;
        let day = 1 + rng.next() % 28;
        let first = rng
            .pick(lead)
            .replace("{n}", &count.to_string())
            .replace("{city}", city)
            .replace("{state}", state);
        let mut paras = vec![format!("{}, {state}.— {first}", city.to_uppercase())];
        for _ in 0..3 {
            paras.push(rng.pick(filler).to_string());
        }
        // Each story is its own: a line that names it.
        paras.push(format!(
            "{} {i}.",
            if es {
                "Nota de archivo número"
            } else {
                "Archive report number"
            }
        ));
        let title = first.split(',').next().unwrap_or(&first).to_string();
        let body: String = paras.iter().map(|p| format!("<p>{p}</p>\n")).collect();
        let html = format!(
            r#"<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} | El Diario</title>
<meta property="article:published_time" content="2024-09-{day:02}T08:00:00-06:00"></head>
<body><header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/politica">Política</a></li><li><a href="/deportes">Deportes</a></li><li><a href="/clima">Clima</a></li><li><a href="/opinion">Opinión</a></li></ul></nav></header>
<aside class="sidebar"><h3>Lo más leído</h3><ul><li><a href="/a">Resultados de la jornada de futbol</a></li><li><a href="/b">Recetas para el fin de semana</a></li><li><a href="/c">El tipo de cambio hoy</a></li></ul></aside>
<main><article><h1>{title}</h1>
{body}</article></main>
<section id="comments" class="comments"><h3>Comentarios</h3><div class="comment"><p>Lector: qué terrible, siempre pasa lo mismo.</p></div><div class="comment"><p>Otro lector: las autoridades no hacen nada.</p></div></section>
<footer class="footer"><p>© El Diario. Todos los derechos reservados. Contacto, aviso de privacidad, publicidad.</p></footer>
</body></html>"#
        );
        let path = dir.join(format!("article-{:05}.html", i + 1));
        let mut f = std::fs::File::create(path)?;
        f.write_all(html.as_bytes())?;
        bytes += html.len() as u64;
    }
    Ok(bytes)
}
