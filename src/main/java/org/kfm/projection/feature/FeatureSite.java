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

    /**
     * An error about a value inside the current feature, named by its JSON pointer within the feature
     * (e.g. {@code /properties/name}, {@code /id}).
     */
    BadInputException atPointer(String rule, long line, long column, String pointer, String detail) {
        String at = position(line, column);
        String named = "pointer " + JsonText.printable(pointer);
        at = index >= 0 ? at.substring(0, at.length() - 1) + ", " + named + ")" : at + " (" + named + ")";
        return new BadInputException(rule, artifact, at, detail);
    }

    long featureLine() {
        return featureLine;
    }

    long featureColumn() {
        return featureColumn;
    }

    /** Line and column of a location (0 when unknown). */
    long lineOf(JsonLocation location) {
        return line(location);
    }

    long columnOf(JsonLocation location) {
        return column(location);
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
