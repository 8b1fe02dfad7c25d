package org.kfm.projection.bench.cli;

import org.kfm.projection.bench.synth.CoordinatePrecision;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Accepts {@code full} or a number of decimals from 0 to 15, for the generator's --coordinate-precision. */
final class CoordinatePrecisionConverter implements ITypeConverter<CoordinatePrecision> {
    @Override
    public CoordinatePrecision convert(String value) {
        try {
            return CoordinatePrecision.parse(value);
        } catch (IllegalArgumentException e) {
            // picocli prints this message as is, after the option's name (exit code 2)
            throw new TypeConversionException(e.getMessage());
        }
    }
}
