package org.kfm.projection.artifact;

import java.net.URI;
import org.kfm.projection.error.BadInputException;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.UsageException;

/** The errors every store raises, worded the same way whichever store raised them. */
final class StoreErrors {
    private StoreErrors() {
    }

    static BadInputException missing(URI uri, String detail, Throwable cause) {
        return new BadInputException("missing-artifact", uri.toString(), null, detail, cause);
    }

    static KfmException storeError(URI uri, String detail, Throwable cause) {
        return new KfmException(ErrorCode.FAILED, "store-error", uri + ": store-error: " + detail, cause);
    }

    static UsageException unknownScheme(URI uri) {
        return new UsageException("unknown-store-scheme", "no artifact store handles '" + uri
                + "': use a local path, a file: URI or s3://bucket/key");
    }

    static UsageException invalidUri(String uri, String detail) {
        return new UsageException("invalid-store-uri", "'" + uri + "' is not a usable artifact location: " + detail);
    }
}
