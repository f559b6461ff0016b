package dev.imgdiff.budget;

/**
 * What makes a rule's figure: a path or a package, with its bytes.
 *
 * @param what  a path of the final filesystem, or a package key
 * @param bytes its bytes
 * @param files the files it holds (1 for a file)
 */
public record Offender(String what, long bytes, int files) {
}
