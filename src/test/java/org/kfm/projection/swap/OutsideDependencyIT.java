package org.kfm.projection.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.testing.TestDatabase;

class OutsideDependencyIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @BeforeAll
    static void createDatabase() {
        db.execute("CREATE SCHEMA kfm_ops");
    }

    @Test
    void viewInAnotherSchemaRefusesTheSwapAndNamesTheView() {
        SwapSettings settings = Generations.settings(Generations.uniqueBase());
        GenerationNames n = settings.names();
        SchemaSwapper swapper = new SchemaSwapper(db.dataSource(), settings);
        Generations.create(db, n.shadow(), "gen-1", 1);
        swapper.swap(1, null, SwapHook.NONE);
        Generations.create(db, n.shadow(), "gen-2", 1);
        String reports = n.base() + "_reports";
        db.execute("CREATE SCHEMA " + reports);
        db.execute("CREATE VIEW " + reports + ".county_features AS SELECT feature_id FROM " + n.live().quoted()
                + ".feature_geom");

        OutsideDependencyException e = assertThrows(OutsideDependencyException.class,
                () -> swapper.swap(2, null, SwapHook.NONE));

        assertEquals("outside-dependency", e.rule());
        assertEquals(ErrorCode.FAILED, e.code());
        assertEquals(List.of(reports + ".county_features"), e.dependencies().stream().map(OutsideDependency::name)
                .toList());
        assertTrue(e.getMessage().contains("view " + reports + ".county_features -> table " + n.live()
                + ".feature_geom"), e.getMessage());
        assertTrue(e.getMessage().contains("inside the generation"), e.getMessage());
        assertEquals("gen-1", Generations.marker(db, n.live()));
        assertEquals("gen-2", Generations.marker(db, n.shadow()));
    }

    @Test
    void functionsForeignKeysTriggersAndMaterializedViewsAreFound() {
        PgIdentifier live = Generations.uniqueBase();
        Generations.create(db, live, "gen-1", 1);
        String l = live.quoted();
        String other = live + "_other";
        db.execute("CREATE SCHEMA " + other);
        db.execute("CREATE FUNCTION " + other + ".feature_count() RETURNS bigint LANGUAGE sql STABLE"
                + " BEGIN ATOMIC SELECT count(*) FROM " + l + ".feature_geom; END");
        db.execute("CREATE FUNCTION " + other + ".bbox_count() RETURNS bigint LANGUAGE sql STABLE"
                + " BEGIN ATOMIC SELECT count(*) FROM " + l + ".kfm_features_in_bbox(-180, -90, 180, 90); END");
        db.execute("CREATE FUNCTION " + other + ".by_name() RETURNS bigint LANGUAGE sql STABLE"
                + " AS 'SELECT count(*) FROM " + l + ".feature_geom'"); // string body: resolved by name, not bound
        db.execute("CREATE TABLE " + other + ".note (dv text, fid text, FOREIGN KEY (dv, fid) REFERENCES " + l
                + ".feature_geom)");
        db.execute("CREATE MATERIALIZED VIEW " + other + ".snapshot AS SELECT feature_id FROM " + l + ".feature_geom");
        db.execute("CREATE FUNCTION " + l + ".kfm_touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'");
        db.execute("CREATE TRIGGER touch BEFORE INSERT ON " + other + ".note FOR EACH ROW EXECUTE FUNCTION " + l
                + ".kfm_touch()");

        List<OutsideDependency> found = new OutsideDependencies(db.dataSource(), PgIdentifier.of("kfm_ops"))
                .outsideDependencies(live);

        Map<String, String> kinds = found.stream().collect(Collectors.toMap(OutsideDependency::name,
                OutsideDependency::kind));
        assertEquals(Map.of(
                other + ".feature_count()", "function",
                other + ".bbox_count()", "function",
                "note_dv_fid_fkey on " + other + ".note", "foreign key",
                other + ".snapshot", "materialized view",
                "touch on " + other + ".note", "trigger"), kinds);
        assertTrue(found.stream().allMatch(d -> other.equals(d.schema())), found.toString());
    }

    @Test
    void opsSchemaAndTheGenerationsOwnObjectsAreNotReported() {
        PgIdentifier live = Generations.uniqueBase();
        Generations.create(db, live, "gen-1", 1);
        db.execute("CREATE VIEW " + live.quoted() + ".inside AS SELECT feature_id FROM " + live.quoted()
                + ".feature_geom");
        db.execute("CREATE VIEW kfm_ops." + live + "_watch AS SELECT feature_id FROM " + live.quoted()
                + ".feature_geom");

        assertEquals(List.of(), new OutsideDependencies(db.dataSource(), PgIdentifier.of("kfm_ops"))
                .outsideDependencies(live));
    }

    @Test
    void shadowObjectPointingAtLiveIsReported() {
        SwapSettings settings = Generations.settings(Generations.uniqueBase());
        GenerationNames n = settings.names();
        Generations.create(db, n.live(), "gen-1", 1);
        Generations.create(db, n.shadow(), "gen-2", 1);
        // a migration that hard-coded the live schema: after the swap it would read the previous generation
        db.execute("CREATE VIEW " + n.shadow().quoted() + ".stale AS SELECT feature_id FROM " + n.live().quoted()
                + ".feature_geom");

        OutsideDependencyException e = assertThrows(OutsideDependencyException.class,
                () -> new SchemaSwapper(db.dataSource(), settings).swap(2, null, SwapHook.NONE));

        assertEquals(n.shadow() + ".stale", e.dependencies().get(0).name());
    }
}
