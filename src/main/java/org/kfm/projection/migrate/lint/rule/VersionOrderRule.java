package org.kfm.projection.migrate.lint.rule;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.LintContext;
import org.kfm.projection.migrate.lint.MigrationSet;
import org.kfm.projection.migrate.lint.Severity;

/**
 * Versions must be unique and increase with the file name. Flyway compares versions numerically, so
 * {@code 0010__a.sql} and {@code 10__b.sql} collide ("Found more than one migration with version
 * 10"), and a name-ordered walk of the directory (review, the psql fallback loop) must see the same
 * order Flyway applies.
 */
final class VersionOrderRule extends BaseRule {
    private static final Comparator<List<BigInteger>> VERSION_ORDER = VersionOrderRule::compare;

    VersionOrderRule() {
        super("version-order", Severity.ERROR);
    }

    @Override
    public void checkDirectory(MigrationSet set, LintContext context, Consumer<Finding> out) {
        Map<List<BigInteger>, MigrationSet.Entry> seen = new HashMap<>();
        String nextFree = nextFree(set);
        MigrationSet.Entry highest = null;
        for (MigrationSet.Entry e : set.entries()) {
            if (e.name().flywayVersion().isEmpty()) {
                continue;
            }
            List<BigInteger> version = e.name().flywayVersion().get();
            MigrationSet.Entry twin = seen.putIfAbsent(version, e);
            if (twin != null) {
                out.accept(finding(e.path(), 0, "version " + show(version) + " of '" + e.name().fileName()
                        + "' is also the version of '" + twin.name().fileName()
                        + "': Flyway refuses to migrate (\"Found more than one migration with version\")",
                        "renumber one of them; the next free version is " + nextFree));
            } else if (highest != null && VERSION_ORDER.compare(version, version(highest)) < 0) {
                out.accept(finding(e.path(), 0, "'" + e.name().fileName() + "' sorts after '"
                        + highest.name().fileName() + "' by name but has the lower version " + show(version)
                        + ": Flyway applies them in the other order than a reader or the psql loop",
                        "use 4-digit versions so that name order is version order"));
            }
            if (highest == null || VERSION_ORDER.compare(version, version(highest)) > 0) {
                highest = e;
            }
        }
    }

    private static List<BigInteger> version(MigrationSet.Entry e) {
        return e.name().flywayVersion().orElseThrow();
    }

    /** The next multiple of ten above the highest version in the directory, as 4 digits. */
    private static String nextFree(MigrationSet set) {
        BigInteger max = set.entries().stream().flatMap(e -> e.name().flywayVersion().stream())
                .map(v -> v.get(0)).max(BigInteger::compareTo).orElse(BigInteger.ZERO);
        BigInteger ten = BigInteger.TEN;
        return String.format("%04d", max.divide(ten).add(BigInteger.ONE).multiply(ten));
    }

    private static String show(List<BigInteger> version) {
        return version.stream().map(BigInteger::toString).collect(Collectors.joining("."));
    }

    private static int compare(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
            BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
