package dev.imgdiff.model;

/** One entry of an image config's history. */
public record HistoryEntry(String created, String createdBy, String comment, boolean emptyLayer) {
}
