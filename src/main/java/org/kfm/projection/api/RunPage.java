package org.kfm.projection.api;

import java.util.List;

/** One page of rebuilds, newest first; {@code page} counts from 0. */
public record RunPage(List<RunView> items, int page, int size, long total) {
}
