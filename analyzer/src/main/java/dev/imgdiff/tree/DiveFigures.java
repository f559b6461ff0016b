package dev.imgdiff.tree;

/**
 * Waste as dive reports it, for teams that gate on dive's numbers. dive walks every layer's own tree,
 * and for each path seen in two or more layers counts all its copies as wasted — the copy that stays
 * visible included, and a whiteout once more with the size of what it deleted. Its efficiency is the
 * sum over paths of the smallest size seen divided by the sum of every size seen. Sizes are tar header
 * sizes (symlinks and hard links 0), and the image size is their sum.
 *
 * @param efficiency        Σ smallest size per path / Σ every size seen (1.0 when nothing was seen)
 * @param wastedBytes       Σ sizes of every copy of paths seen in more than one layer
 * @param userWastedPercent wastedBytes / (image size − first layer size), as a fraction
 * @param imageSize         dive's image size: regular-file bytes of all layer tars
 */
public record DiveFigures(double efficiency, long wastedBytes, double userWastedPercent, long imageSize) {
}
