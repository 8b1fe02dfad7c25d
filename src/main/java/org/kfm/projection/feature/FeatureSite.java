package org.kfm.projection.feature;

import com.fasterxml.jackson.core.JsonLocation;
import org.kfm.projection.error.BadInputException;

/**
 * Where the reader is in a JSON artifact: the feature index and its id once known, plus line and column from
 * Jackson's locations. Builds the position part of every error message. Reused from feature to feature.
 */
final class FeatureSite {
    private final String artifact;
    private long index = -1;
    private String id;
    private long featureLine;
    private long featureColumn;

    FeatureSite(String artifact) {
        this.artifact = artifact;
    }

    String artifact() {
        return artifact;
    }

    void startFeature(long index, JsonLocation start) {
        this.index = index;
        this.id = null;
        this.featureLine = line(start);
        this.featureColumn = column(start);
    }

    void id(String id) {
        this.id = id;
    }

    long index() {
        return index;
    }

    /** An error at a location inside the current feature. */
    BadInputException at(String rule, JsonLocation location, String detail) {
        return new BadInputException(rule, artifact, position(line(location), column(location)), detail);
    }

    /** An error about the feature as a whole, placed at its opening brace. */
    BadInputException atFeature(String rule, String detail) {
        return new BadInputException(rule, artifact, position(featureLine, featureColumn), detail);
    }

    /** An error at a location, with its cause (the feature is named when inside one). */
    BadInputException at(String rule, JsonLocation location, String detail, Throwable cause) {
        return new BadInputException(rule, artifact, position(line(location), column(location)), detail, cause);
    }

    /** The current feature was read completely: later errors are outside any feature. */
    void endFeature() {
        index = -1;
        id = null;
    }

    String position(long line, long column) {
        StringBuilder sb = new StringBuilder(lineColumn(line, column));
        if (index >= 0) {
            sb.append(" (feature ").append(index);
            if (id != null) {
                sb.append(", id \"").append(id).append('"');
            }
            sb.append(')');
        }
        return sb.toString();
    }

    private static String lineColumn(long line, long column) {
        return "line " + line + ", column " + column;
    }

    private long line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }

    private long column(JsonLocation location) {
        return location == null ? 0 : location.getColumnNr();
    }
}
