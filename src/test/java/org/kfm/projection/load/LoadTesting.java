package org.kfm.projection.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.artifact.StoreSettings;
import org.kfm.projection.catalog.Catalog;
import org.kfm.projection.catalog.CatalogReader;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.feature.FeatureReaders;
import org.kfm.projection.migrate.MigrationSource;
import org.kfm.projection.migrate.SchemaMigrator;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/** Shared set-up of the loader tests: migrated schemas, catalogs, loaders and small queries. */
final class LoadTesting {
    static final Path SAMPLE_CATALOG = TestDatabase.repoRoot().resolve("samples/catalog/catalog.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadTesting() {
    }

    /** Creates {@code name} in the database and applies the projection migrations to it. */
    static PgIdentifier migrate(DataSource ds, String name) {
        PgIdentifier schema = PgIdentifier.of(name);
        new SchemaMigrator(ds, MigrationSource.load("filesystem:" + TestDatabase.repoRoot() + "/migrations/postgis"),
                "", Clock.systemUTC()).migrate(schema, null);
        return schema;
    }

    static Catalog read(Path catalogJson) {
        return new CatalogReader(ArtifactStores.create(StoreSettings.defaults())).read(catalogJson.toUri());
    }

    static ProjectionLoader loader(DataSource ds, int parallelism) {
        return new ProjectionLoader(ds, ArtifactStores.create(StoreSettings.defaults()), new FeatureReaders(),
                LoadSettings.defaults(4326).withParallelism(parallelism), Clock.systemUTC());
    }

    /** Rows of a query, each row's columns joined with " | ". */
    static List<String> rows(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
                out.add(row.toString());
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static String one(DataSource ds, String sql) {
        List<String> rows = rows(ds, sql);
        return rows.isEmpty() ? null : rows.get(0);
    }

    static Map<String, String> sqlDigests(DataSource ds, PgIdentifier schema) {
        try (Connection c = ds.getConnection()) {
            return GeometryDigests.inDatabase(c, schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> javaDigests(LoadResult result) {
        Map<String, String> out = new LinkedHashMap<>();
        result.datasets().forEach(d -> out.put(d.datasetVersionId(), d.geometryDigest()));
        return out;
    }

    /** One data asset of a hand-made item. */
    record Asset(String key, Path file, String mediaType) {
    }

    /** A hand-made STAC item over existing data files; checksums and sizes are computed from the files. */
    record Item(String id, String datasetVersionId, long declared, int epsg, String idProperty, List<Asset> assets) {
    }

    /** Writes {@code dir/catalog.json} linking one item document per {@link Item}; returns the catalog file. */
    static Path writeCatalog(Path dir, List<Item> items) {
        ObjectNode root = JSON.createObjectNode().put("type", "Catalog").put("stac_version", "1.0.0")
                .put("id", "test").put("description", "loader test catalog");
        ArrayNode links = root.putArray("links");
        for (Item item : items) {
            Path file = dir.resolve("items").resolve(item.id() + ".json");
            write(file, itemJson(item));
            links.addObject().put("rel", "item").put("href", "items/" + item.id() + ".json");
        }
        Path catalog = dir.resolve("catalog.json");
        write(catalog, root);
        return catalog;
    }

    private static ObjectNode itemJson(Item item) {
        ObjectNode doc = JSON.createObjectNode().put("type", "Feature").put("stac_version", "1.0.0")
                .put("id", item.id()).put("collection", "test");
        doc.putNull("geometry");
        doc.putArray("bbox").add(-180).add(-90).add(180).add(90);
        ObjectNode p = doc.putObject("properties").put("datetime", "2024-03-01T12:00:00Z")
                .put("kfm:dataset_id", item.id()).put("kfm:dataset_version_id", item.datasetVersionId())
                .put("kfm:feature_count", item.declared()).put("kfm:promoted_at", "2024-03-02T10:20:30.123456Z")
                .put("proj:epsg", item.epsg());
        if (item.idProperty() != null) {
            p.put("kfm:feature_id_property", item.idProperty());
        }
        doc.putArray("links");
        ObjectNode assets = doc.putObject("assets");
        for (Asset a : item.assets()) {
            assets.putObject(a.key()).put("href", a.file().toUri().toString()).put("type", a.mediaType())
                    .put("file:checksum", TestCatalogs.checksum(a.file())).put("file:size", size(a.file()))
                    .putArray("roles").add("data");
        }
        return doc;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, ObjectNode doc) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, doc.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
