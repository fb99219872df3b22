"""Regenerates apps/wilayah/data/seruyan.json, the product's own fixture of Kabupaten Seruyan.

Reads the reference files in ../shared/data (official codes and names per Kepmendagri
300.2.2-2138/2025 via cahyadsn/wilayah, postcodes via cahyadsn/wilayah_kodepos, simplified
boundaries via cahyadsn/wilayah_boundaries, all MIT) and writes one JSON file the product
loads with `manage.py load_seruyan`, so the product never depends on shared/.
Coordinates are rounded to 5 decimals (about 1 m), which keeps the file small.
Usage: python scripts/gen_wilayah_seruyan.py [../shared/data] [apps/wilayah/data/seruyan.json]
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SRC = ROOT.parent / "shared" / "data"
DEFAULT_OUT = ROOT / "apps" / "wilayah" / "data" / "seruyan.json"
PRESISI = 5

SUMBER = {
    "judul": "Wilayah Kabupaten Seruyan (Provinsi Kalimantan Tengah)",
    "kode_dan_nama": "Kepmendagri No. 300.2.2-2138 Tahun 2025 tentang Pemberian dan Pemutakhiran Kode, "
    "Data Wilayah Administrasi Pemerintahan, dan Pulau; via github.com/cahyadsn/wilayah @ b7ad440a "
    "(db/wilayah.sql), lisensi MIT",
    "kode_pos": "github.com/cahyadsn/wilayah_kodepos @ 4fa8c592, lisensi MIT",
    "batas_wilayah": "github.com/cahyadsn/wilayah_boundaries @ 3c5a7960 (poligon disederhanakan), lisensi MIT",
    "titik_tengah_dan_luas": "dihitung dari poligon yang disederhanakan; luas adalah perkiraan, bukan angka resmi",
    "dibuat_oleh": "scripts/gen_wilayah_seruyan.py",
}
PROVINSI = {"kode": "62", "nama": "Kalimantan Tengah", "tingkat": "provinsi", "induk": ""}


def _round_ring(ring: list) -> list:
    out: list = []
    for lng, lat, *_ in ring:
        point = [round(lng, PRESISI), round(lat, PRESISI)]
        if not out or out[-1] != point:
            out.append(point)
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def round_geometry(geom: dict) -> dict:
    """Round a Polygon/MultiPolygon's coordinates and drop points that become duplicates."""
    if geom["type"] == "Polygon":
        rings = [_round_ring(r) for r in geom["coordinates"]]
        return {"type": "Polygon", "coordinates": [r for r in rings if len(r) >= 4]}
    if geom["type"] == "MultiPolygon":
        polys = [[_round_ring(r) for r in poly] for poly in geom["coordinates"]]
        polys = [[r for r in poly if len(r) >= 4] for poly in polys]
        return {"type": "MultiPolygon", "coordinates": [p for p in polys if p]}
    raise ValueError(f"Jenis geometri tidak didukung: {geom['type']}")


def build(src: Path) -> dict:
    with open(src / "seruyan_wilayah.csv", newline="", encoding="utf-8") as fh:
        wilayah = list(csv.DictReader(fh))
    with open(src / "seruyan_centroids.csv", newline="", encoding="utf-8") as fh:
        centroid = {r["kode"]: r for r in csv.DictReader(fh)}
    batas = {
        f["properties"]["kode"]: round_geometry(f["geometry"])
        for f in json.loads((src / "seruyan_boundaries.geojson").read_text(encoding="utf-8"))["features"]
    }
    rows = [{**PROVINSI, "kodepos": "", "lat": None, "lng": None, "luas_km2": None, "batas": None}]
    for r in wilayah:
        c = centroid.get(r["kode"], {})
        rows.append({
            "kode": r["kode"],
            "nama": r["nama"].strip(),
            "tingkat": r["tingkat"],
            "induk": r["induk"],
            "kodepos": r["kodepos"].strip(),
            "lat": round(float(c["lat"]), PRESISI) if c.get("lat") else None,
            "lng": round(float(c["lng"]), PRESISI) if c.get("lng") else None,
            "luas_km2": round(float(c["luas_km2_approx_polygon"]), 2) if c.get("luas_km2_approx_polygon") else None,
            "batas": batas.get(r["kode"]),
        })
    rows.sort(key=lambda r: r["kode"])
    return {"sumber": SUMBER, "jumlah": len(rows), "wilayah": rows}


def write(data: dict, out: Path) -> None:
    # One region per line: small, reviewable diffs when Kemendagri publishes an update.
    lines = ",\n".join("    " + json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in data["wilayah"])
    head = json.dumps({k: v for k, v in data.items() if k != "wilayah"}, ensure_ascii=False, indent=2)[:-2]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(f'{head},\n  "wilayah": [\n{lines}\n  ]\n}}\n', encoding="utf-8")


def main(argv: list[str]) -> int:
    src = Path(argv[1]) if len(argv) > 1 else DEFAULT_SRC
    out = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUT
    data = build(src)
    write(data, out)
    json.loads(out.read_text(encoding="utf-8"))  # the file we wrote must parse
    print(f"{out}: {data['jumlah']} wilayah, {out.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
