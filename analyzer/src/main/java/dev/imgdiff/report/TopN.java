package dev.imgdiff.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** Keeps the N largest items seen, by a comparator; ties keep a stable order through the comparator. */
public final class TopN<T> {
    private final int n;
    private final Comparator<T> order;
    private final PriorityQueue<T> heap;

    /** @param order ascending order: the first item is the smallest */
    public TopN(int n, Comparator<T> order) {
        this.n = Math.max(0, n);
        this.order = order;
        this.heap = new PriorityQueue<>(Math.max(1, this.n + 1), order);
    }

    /** Whether an item that compares like {@code probe} would make it in: lets callers skip building items. */
    public boolean wouldAccept(T probe) {
        return n > 0 && (heap.size() < n || order.compare(probe, heap.peek()) > 0);
    }

    public void offer(T item) {
        if (n == 0) {
            return;
        }
        if (heap.size() < n) {
            heap.add(item);
        } else if (order.compare(item, heap.peek()) > 0) {
            heap.poll();
            heap.add(item);
        }
    }

    /** Largest first. */
    public List<T> result() {
        List<T> out = new ArrayList<>(heap);
        out.sort(order.reversed());
        return out;
    }
}
