package org.kfm.projection.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The objects two {@link SchemaSnapshot}s disagree on, readable as a unified report. */
public record SchemaDiff(String left, String right, List<String> onlyLeft, List<String> onlyRight,
        List<Difference> different) {

    public record Difference(String object, String left, String right) {
    }

    public SchemaDiff {
        onlyLeft = List.copyOf(onlyLeft);
        onlyRight = List.copyOf(onlyRight);
        different = List.copyOf(different);
    }

    public static SchemaDiff between(SchemaSnapshot left, SchemaSnapshot right) {
        List<String> onlyLeft = new ArrayList<>();
        List<String> onlyRight = new ArrayList<>();
        List<Difference> different = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(left.objects().keySet());
        keys.addAll(right.objects().keySet());
        for (String key : keys) {
            String l = left.objects().get(key);
            String r = right.objects().get(key);
            if (r == null) {
                onlyLeft.add(key);
            } else if (l == null) {
                onlyRight.add(key);
            } else if (!l.equals(r)) {
                different.add(new Difference(key, l, r));
            }
        }
        return new SchemaDiff(left.schema(), right.schema(), onlyLeft, onlyRight, different);
    }

    public boolean isEmpty() {
        return onlyLeft.isEmpty() && onlyRight.isEmpty() && different.isEmpty();
    }

    /** A report such as {@code - column feature_geom.extra: only in kfm_smoke_fresh}. */
    public String render(String leftLabel, String rightLabel) {
        StringBuilder sb = new StringBuilder();
        onlyLeft.forEach(k -> sb.append("  - ").append(k).append(": only in ").append(leftLabel).append('\n'));
        onlyRight.forEach(k -> sb.append("  + ").append(k).append(": only in ").append(rightLabel).append('\n'));
        for (Difference d : different) {
            sb.append("  ~ ").append(d.object()).append(" differs\n")
                    .append("      ").append(leftLabel).append(": ").append(d.left().replace("\n", "\n        "))
                    .append('\n')
                    .append("      ").append(rightLabel).append(": ").append(d.right().replace("\n", "\n        "))
                    .append('\n');
        }
        return sb.toString();
    }
}
