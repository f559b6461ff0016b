package dev.imgdiff.analysis;

import dev.imgdiff.attribute.Category;

/**
 * Bytes of one category.
 *
 * @param category    which
 * @param bytes       visible in the final filesystem
 * @param files       visible non-directory entries
 * @param wastedBytes shipped by a layer but hidden in the final filesystem
 */
public record CategoryTotal(Category category, long bytes, int files, long wastedBytes) {
}
