#!/usr/bin/env python3
"""Writes samples/catalog/: the small STAC catalog the README's main command loads by default.

Run once from the repository root (needs GDAL's ogr2ogr, `apt-get install gdal-bin`):

    python3 samples/make-catalog.py

It authors four Kansas datasets, reprojects the counties to EPSG:26914 (UTM 14N) and converts the
townships to FlatGeobuf with ogr2ogr, then writes the catalog, collection and item documents with
sha256 checksums, sizes, feature counts and WGS 84 bboxes taken from the files as written. The output
is committed; CI does not run this script. Re-running it gives the same files (promotion times are
fixed below, never taken from the clock).
"""
import hashlib
import json
import os
import shutil
import subprocess
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalog")
COLLECTION = "kansas"
PROJ_V1 = "https://stac-extensions.github.io/projection/v1.1.0/schema.json"
PROJ_V2 = "https://stac-extensions.github.io/projection/v2.0.0/schema.json"
FILE_EXT = "https://stac-extensions.github.io/file/v2.1.0/schema.json"


def feature(fid, geometry, props, id_member=True):
    f = {"type": "Feature"}
    if id_member:
        f["id"] = fid
    f["geometry"] = geometry
    f["properties"] = props
    return f


def pt(lon, lat, z=None):
    return {"type": "Point", "coordinates": [lon, lat] if z is None else [lon, lat, z]}


def rect(w, s, e, n):
    return [[w, s], [e, s], [e, n], [w, n], [w, s]]


def hole(w, s, e, n):
    return [[w, s], [w, n], [e, n], [e, s], [w, s]]


LANDMARKS = [
    feature("gnis-471443", pt(-100.7631, 38.7928), {"name": "Monument Rocks", "kind": "landform"}),
    feature("gnis-479633", pt(-102.0373, 39.0219, 1231.0), {"name": "Mount Sunflower", "kind": "summit"}),
    feature("gnis-471112", pt(-97.3459, 37.6917, 395.0), {"name": "Keeper of the Plains", "kind": "monument"}),
    feature("gnis-485514", pt(-95.6780, 39.0483, 320.0), {"name": "Kansas State Capitol", "kind": "building"}),
    feature("gnis-470969", pt(-98.5795, 39.8283), {"name": "Geographic Center of the Contiguous US",
                                                   "kind": "marker"}),
    feature("gnis-473911", pt(-99.3075, 37.6061), {"name": "Big Well", "kind": "landmark"}),
    feature("gnis-484017", pt(-98.4344, 39.5089), {"name": "World's Largest Ball of Twine", "kind": "landmark"}),
    feature("gnis-474302", pt(-100.0335, 37.7565), {"name": "Boot Hill", "kind": "cemetery"}),
    # No "id" member: the item's kfm:feature_id_property names gnis_id as the id.
    feature(None, pt(-99.2189, 38.1833), {"gnis_id": "gnis-476140", "name": "Fort Larned", "kind": "fort"},
            id_member=False),
    feature("konza-prairie", {"type": "Polygon", "coordinates": [
        rect(-96.6200, 39.0700, -96.5400, 39.1200), hole(-96.6000, 39.0900, -96.5900, 39.1000)]},
        {"name": "Konza Prairie", "kind": "preserve"}),
    # Valid GeoJSON, invalid topology (self-intersecting bow-tie): read as published, reported by parity.
    feature("cheyenne-bottoms-plot-7", {"type": "Polygon", "coordinates": [[
        [-98.70, 38.45], [-98.60, 38.50], [-98.60, 38.45], [-98.70, 38.50], [-98.70, 38.45]]]},
        {"name": "Cheyenne Bottoms survey plot 7 (bow-tie as published)", "kind": "survey"}),
    feature("flint-hills-sites", {"type": "MultiPoint", "coordinates": [[-96.55, 38.45, 420.0], [-96.40, 38.20]]},
            {"name": "Flint Hills survey sites", "kind": "survey"}),
]

RIVERS = [
    feature("arkansas-1", {"type": "LineString", "coordinates": [
        [-102.0420, 38.0490], [-101.3500, 37.9800], [-100.8600, 37.9700], [-100.0200, 37.7500],
        [-99.3200, 38.1000]]}, {"name": "Arkansas River", "reach": "upper"}),
    feature("arkansas-2", {"type": "LineString", "coordinates": [
        [-99.3200, 38.1000], [-98.7800, 38.3600], [-98.2000, 38.0600], [-97.3460, 37.6920], [-97.0500, 37.0000]]},
        {"name": "Arkansas River", "reach": "lower"}),
    feature("kansas-river", {"type": "LineString", "coordinates": [
        [-96.8300, 39.0600], [-96.4000, 39.1800], [-95.6800, 39.0700], [-95.2300, 38.9700], [-94.6100, 39.1150]]},
        {"name": "Kansas River"}),
    feature("smoky-hill", {"type": "MultiLineString", "coordinates": [
        [[-101.9000, 38.8500], [-101.2000, 38.8700], [-100.4000, 38.8300], [-99.5000, 38.9000]],
        [[-99.5000, 38.9000], [-98.9000, 38.7500], [-97.6100, 38.8400], [-96.8300, 39.0600]]]},
        {"name": "Smoky Hill River", "forks": 2}),
    feature("republican", {"type": "LineString", "coordinates": [
        [-97.9500, 40.0000], [-97.4000, 39.6000], [-96.8300, 39.0600]]}, {"name": "Republican River"}),
    feature("solomon-forks", {"type": "MultiLineString", "coordinates": [
        [[-100.0000, 39.6000], [-99.2000, 39.4800], [-98.5000, 39.4500]],
        [[-100.0000, 39.3500], [-99.2000, 39.3800], [-98.5000, 39.4500]],
        [[-98.5000, 39.4500], [-97.6500, 38.9100]]]}, {"name": "Solomon River", "forks": 3}),
    feature("neosho", {"type": "LineString", "coordinates": [
        [-96.9000, 38.6800], [-96.1800, 38.4000], [-95.5000, 37.9000], [-94.6200, 37.0000]]}, {"name": "Neosho River"}),
    feature(9, {"type": "LineString", "coordinates": [[-101.9000, 37.0000], [-100.0000, 37.0500], [-99.5000, 37.0000]]},
            {"name": "Cimarron River (Kansas reach)"}),
]

COUNTIES = [
    feature("20055", {"type": "Polygon", "coordinates": [rect(-101.1000, 37.7400, -100.2300, 38.2600)]},
            {"name": "Finney County", "fips": "20055"}),
    feature("20057", {"type": "Polygon", "coordinates": [rect(-100.2300, 37.3900, -99.5500, 37.9100)]},
            {"name": "Ford County", "fips": "20057"}),
    feature("20173", {"type": "Polygon", "coordinates": [
        rect(-97.8100, 37.4700, -97.1500, 37.9100), hole(-97.4300, 37.6100, -97.3700, 37.6500)]},
        {"name": "Sedgwick County", "fips": "20173", "note": "hole: airfield parcel held outside the county set"}),
    feature("20161", {"type": "Polygon", "coordinates": [rect(-96.9600, 39.2200, -96.5000, 39.5700)]},
            {"name": "Riley County", "fips": "20161"}),
    feature("20051", {"type": "MultiPolygon", "coordinates": [
        [rect(-99.6000, 38.7000, -99.0400, 39.1300)],
        [rect(-99.0300, 38.9000, -99.0000, 38.9200)]]},
        {"name": "Ellis County", "fips": "20051", "note": "with a small detached parcel"}),
    feature("20155", {"type": "MultiPolygon", "coordinates": [
        [rect(-98.4700, 37.8200, -97.7000, 38.1700), hole(-97.9500, 38.0400, -97.9000, 38.0800)],
        [rect(-97.6900, 37.9000, -97.6600, 37.9300)]]},
        {"name": "Reno County", "fips": "20155"}),
]

TOWNSHIPS = [
    feature("twp-%d" % i, {"type": "Polygon", "coordinates": [rect(w, s, w + 0.11, s + 0.09)]},
            {"name": name, "county": county, "area_sq_mi": 36.0})
    for i, (name, county, w, s) in enumerate([
        ("Grant Township", "Riley", -96.70, 39.30), ("Manhattan Township", "Riley", -96.59, 39.16),
        ("Garden Township", "Finney", -100.90, 37.95), ("Dodge Township", "Ford", -100.05, 37.73),
        ("Big Creek Township", "Ellis", -99.35, 38.85), ("Valley Township", "Reno", -98.10, 37.95),
        ("Salem Township", "Sedgwick", -97.55, 37.70)], start=1)
]

DATASETS = [
    # item id, data file, features, media type, epsg, proj field, promoted_at, title, extra properties
    ("kansas-landmarks", "landmarks.geojson", LANDMARKS, "application/geo+json", 4326, "proj:epsg",
     "2025-03-14T15:09:26Z", "Kansas landmarks (points, a few with Z; survey polygons incl. a bow-tie)",
     {"kfm:feature_id_property": "gnis_id"}),
    ("kansas-rivers", "rivers.geojsons", RIVERS, "application/geo+json-seq", 4326, "proj:epsg",
     "2025-04-01T08:00:00Z", "Kansas rivers (LineString and MultiLineString, RFC 8142 sequence)", {}),
    ("kansas-counties", "counties-utm14n.geojson", COUNTIES, "application/geo+json", 26914, "proj:code",
     "2025-05-20T17:30:00Z", "Kansas counties (polygons with holes and multipolygons, EPSG:26914)", {}),
    ("kansas-townships", "townships.fgb", TOWNSHIPS, "application/vnd.flatgeobuf", 4326, "proj:epsg",
     "2025-06-02T09:45:00Z", "Kansas townships (FlatGeobuf, written by ogr2ogr)", {}),
]


def write_json(path, doc):
    with open(path, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")


def ogr(*args):
    subprocess.run(["ogr2ogr", *args], check=True)


def extent_wgs84(path):
    """Envelope of the file as written, read back by GDAL in lon/lat, padded outward by 1e-6 degree."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "back.geojson")
        ogr("-f", "GeoJSON", "-t_srs", "OGC:CRS84", out, path)
        xs, ys = [], []

        def walk(c):
            if isinstance(c[0], (int, float)):
                xs.append(c[0])
                ys.append(c[1])
            else:
                for x in c:
                    walk(x)
        for f in json.load(open(out))["features"]:
            g = f["geometry"]
            for part in (g.get("geometries") or [g]):
                walk(part["coordinates"])
    return [round(min(xs) - 1e-6, 6), round(min(ys) - 1e-6, 6), round(max(xs) + 1e-6, 6), round(max(ys) + 1e-6, 6)]


def write_data(item_dir, file_name, features, media_type, epsg):
    path = os.path.join(item_dir, file_name)
    fc = {"type": "FeatureCollection", "features": features}
    if media_type == "application/geo+json-seq":
        with open(path, "w") as f:
            for feat in features:
                f.write("\x1e" + json.dumps(feat, separators=(",", ":")) + "\n")
    elif media_type == "application/vnd.flatgeobuf":
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "src.geojson")
            write_json(src, fc)
            ogr("-f", "FlatGeobuf", path, src)
    elif epsg != 4326:
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "src.geojson")
            write_json(src, fc)
            ogr("-f", "GeoJSON", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:%d" % epsg,
                "-lco", "COORDINATE_PRECISION=3", "-lco", "RFC7946=NO", path, src)
    else:
        write_json(path, fc)
    return path


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    coll_dir = os.path.join(ROOT, COLLECTION)
    os.makedirs(coll_dir)
    item_links, bboxes = [], []
    for item_id, file_name, features, media_type, epsg, proj_field, promoted, title, extra in DATASETS:
        item_dir = os.path.join(coll_dir, item_id)
        os.makedirs(item_dir)
        path = write_data(item_dir, file_name, features, media_type, epsg)
        data = open(path, "rb").read()
        bbox = extent_wgs84(path)
        bboxes.append(bbox)
        w, s, e, n = bbox
        props = {
            "title": title,
            "datetime": promoted,
            "kfm:dataset_id": item_id,
            "kfm:dataset_version_id": item_id + "-" + promoted[:10].replace("-", ""),
            "kfm:feature_count": len(features),
            "kfm:promoted_at": promoted,
        }
        props.update(extra)
        props[proj_field] = epsg if proj_field == "proj:epsg" else "EPSG:%d" % epsg
        item = {
            "type": "Feature",
            "stac_version": "1.0.0",
            "stac_extensions": [PROJ_V1 if proj_field == "proj:epsg" else PROJ_V2, FILE_EXT],
            "id": item_id,
            "collection": COLLECTION,
            "geometry": {"type": "Polygon", "coordinates": [rect(w, s, e, n)]},
            "bbox": bbox,
            "properties": props,
            "links": [
                {"rel": "root", "href": "../../catalog.json", "type": "application/json"},
                {"rel": "parent", "href": "../collection.json", "type": "application/json"},
                {"rel": "collection", "href": "../collection.json", "type": "application/json"},
            ],
            "assets": {
                "data": {
                    "href": "./" + file_name,
                    "title": title,
                    "type": media_type,
                    "roles": ["data"],
                    "file:checksum": "1220" + hashlib.sha256(data).hexdigest(),
                    "file:size": len(data),
                }
            },
        }
        write_json(os.path.join(item_dir, item_id + ".json"), item)
        item_links.append({"rel": "item", "href": "./%s/%s.json" % (item_id, item_id), "type": "application/geo+json"})
    extent = [min(b[0] for b in bboxes), min(b[1] for b in bboxes), max(b[2] for b in bboxes),
              max(b[3] for b in bboxes)]
    write_json(os.path.join(coll_dir, "collection.json"), {
        "type": "Collection",
        "stac_version": "1.0.0",
        "id": COLLECTION,
        "title": "Kansas sample datasets",
        "description": "Four small promoted datasets covering every input format and geometry type the "
                       "projection loads: the embedded default catalog.",
        "license": "CC0-1.0",
        "extent": {"spatial": {"bbox": [extent]},
                   "temporal": {"interval": [[DATASETS[0][6], DATASETS[-1][6]]]}},
        "links": [{"rel": "root", "href": "../catalog.json", "type": "application/json"},
                  {"rel": "parent", "href": "../catalog.json", "type": "application/json"}] + item_links,
    })
    write_json(os.path.join(ROOT, "catalog.json"), {
        "type": "Catalog",
        "stac_version": "1.0.0",
        "id": "kfm-sample",
        "title": "KFM sample catalog",
        "description": "Sample promoted catalog for kfm-projection (see samples/make-catalog.py).",
        "links": [{"rel": "root", "href": "./catalog.json", "type": "application/json"},
                  {"rel": "child", "href": "./%s/collection.json" % COLLECTION, "type": "application/json"}],
    })


if __name__ == "__main__":
    main()
