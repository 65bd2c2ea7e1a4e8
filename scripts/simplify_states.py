#!/usr/bin/env python3
"""Simplified outlines of Mexico's 32 states, compiled into the binary as the default map.

Reads INEGI's state polygons (a GeoJSON FeatureCollection with `cve_ent` and `nom_ent`, as
`../shared/data/geo/mx_states_inegi.geojson`) and writes a much smaller GeoJSON in which a
border shared by two states is simplified once, so neighbours still meet without gaps or
overlaps: every ring is cut where the set of states along it changes, each piece is
simplified with Douglas-Peucker, and the rings are put back together from the pieces.
Islands smaller than --min-island square degrees are dropped (a state keeps its largest
polygon whatever its size). Standard library only.

    python3 scripts/simplify_states.py ../shared/data/geo/mx_states_inegi.geojson \
        crates/atalaya-charts/assets/mx_states_simplified.geojson
"""

import argparse
import json
import math
import sys


def ring_area(ring):
    """Unsigned shoelace area of a closed ring given without its repeated last point."""
    s = 0.0
    n = len(ring)
    for i in range(n):
        x0, y0 = ring[i]
        x1, y1 = ring[(i + 1) % n]
        s += x0 * y1 - x1 * y0
    return abs(s) / 2.0


def seg_dist(p, a, b):
    """Distance from p to the segment ab, in degrees (longitude scaled at Mexico's middle)."""
    k = math.cos(math.radians(23.0))
    px, py, ax, ay, bx, by = p[0] * k, p[1], a[0] * k, a[1], b[0] * k, b[1]
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(pts, tol):
    """Keeps both ends; iterative so long chains do not hit the recursion limit."""
    if len(pts) <= 2:
        return list(pts)
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = -1.0, None
        for m in range(i + 1, j):
            d = seg_dist(pts[m], pts[i], pts[j])
            if d > best:
                best, idx = d, m
        if idx is not None and best > tol:
            keep[idx] = True
            stack.append((i, idx))
            stack.append((idx, j))
    return [p for p, k in zip(pts, keep) if k]


def load(path):
    doc = json.load(open(path, encoding="utf-8"))
    states = []
    for i, f in enumerate(doc["features"]):
        props = f.get("properties") or {}
        code = props.get("cve_ent")
        if not code:
            sys.exit(f"{path}: feature {i} has no cve_ent")
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        rings = []
        for p in polys:
            rings.append([[tuple(pt[:2]) for pt in r[:-1]] for r in p])
        states.append((code, props.get("nom_ent", ""), rings))
    return states


def simplify(states, tol, min_island):
    # Which states each segment (unordered pair of points) belongs to.
    seg_states = {}
    for code, _, polys in states:
        for poly in polys:
            for ring in poly:
                n = len(ring)
                for i in range(n):
                    key = frozenset((ring[i], ring[(i + 1) % n]))
                    seg_states.setdefault(key, set()).add(code)
    point_states = {}
    for code, _, polys in states:
        for poly in polys:
            for ring in poly:
                for p in ring:
                    point_states.setdefault(p, set()).add(code)

    cache = {}

    def simplified_chain(chain):
        # Simplify in one canonical direction so both states sharing it get the same points.
        fwd = tuple(chain)
        rev = fwd[::-1]
        canon = min(fwd, rev)
        if canon not in cache:
            cache[canon] = douglas_peucker(list(canon), tol)
        out = cache[canon]
        return list(out) if canon == fwd else list(reversed(out))

    result = []
    for code, name, polys in states:
        new_polys = []
        for poly in polys:
            new_rings = []
            for ring in poly:
                n = len(ring)
                seg_set = [frozenset(seg_states[frozenset((ring[i], ring[(i + 1) % n]))]) for i in range(n)]
                # Break where the neighbours change, or at points three or more states share.
                breaks = [
                    i for i in range(n)
                    if seg_set[i] != seg_set[i - 1] or len(point_states[ring[i]]) >= 3
                ]
                if not breaks:
                    # One closed piece (an island, or a border with a single neighbour all
                    # round): start from its smallest point, and keep the farthest one too.
                    start = min(range(n), key=lambda i: ring[i])
                    r = ring[start:] + ring[:start]
                    far = max(range(n), key=lambda i: (r[i][0] - r[0][0]) ** 2 + (r[i][1] - r[0][1]) ** 2)
                    breaks_r = [0, far]
                    ring, breaks = r, breaks_r
                pts = []
                for b, nb in zip(breaks, breaks[1:] + [breaks[0] + n]):
                    chain = [ring[i % n] for i in range(b, nb + 1)]
                    piece = simplified_chain(chain)
                    pts.extend(piece[:-1])
                if len(pts) < 3:
                    pts = [ring[breaks[0]], ring[(breaks[0] + n // 3) % n], ring[(breaks[0] + 2 * n // 3) % n]]
                new_rings.append(pts)
            new_polys.append((ring_area(poly[0]), new_rings))
        # Drop small islands, keeping the largest polygon of every state.
        new_polys.sort(key=lambda p: -p[0])
        kept = [new_polys[0]] + [p for p in new_polys[1:] if p[0] >= min_island]
        result.append((code, name, [rings for _, rings in kept]))
    return result


def rounded(p, digits):
    return [round(p[0], digits), round(p[1], digits)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", help="INEGI state polygons (GeoJSON with cve_ent, nom_ent)")
    ap.add_argument("out", help="where to write the simplified GeoJSON")
    ap.add_argument("--tolerance", type=float, default=0.02, help="Douglas-Peucker tolerance, degrees")
    ap.add_argument("--min-island", type=float, default=0.004, help="smallest island kept, square degrees")
    ap.add_argument("--digits", type=int, default=3, help="decimals kept in coordinates")
    a = ap.parse_args()
    states = load(a.source)
    if len(states) != 32:
        sys.exit(f"{a.source}: {len(states)} features, expected the 32 states")
    simple = simplify(states, a.tolerance, a.min_island)
    features = []
    before = sum(len(r) for _, _, ps in states for p in ps for r in p)
    after = 0
    for code, name, polys in sorted(simple):
        coords = []
        for rings in polys:
            out_rings = []
            for r in rings:
                ring = [rounded(p, a.digits) for p in r]
                # Rounding can merge neighbouring points: drop repeats, then close the ring.
                ring = [p for i, p in enumerate(ring) if p != ring[i - 1]] or ring[:1]
                ring.append(ring[0])
                after += len(ring) - 1
                out_rings.append(ring)
            coords.append(out_rings)
        geometry = (
            {"type": "Polygon", "coordinates": coords[0]}
            if len(coords) == 1
            else {"type": "MultiPolygon", "coordinates": coords}
        )
        features.append({"type": "Feature", "properties": {"cve_ent": code, "nom_ent": name}, "geometry": geometry})
    doc = {
        "type": "FeatureCollection",
        "attribution": "State outlines: INEGI, Marco Geoestadístico (simplified)",
        "features": features,
    }
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    print(f"{a.out}: {len(features)} states, {before} points -> {after}, {len(text.encode())} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
