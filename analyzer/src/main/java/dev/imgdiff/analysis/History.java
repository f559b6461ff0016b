package dev.imgdiff.analysis;

import dev.imgdiff.model.HistoryEntry;
import java.util.ArrayList;
import java.util.List;

/** Matching history entries to layers, and finding where the base image ends. */
public final class History {
    private History() {
    }

    /**
     * The created_by of each layer: history entries marked empty_layer make no layer and are skipped.
     * When the history and the layers disagree in number, the layers the history cannot account for get "".
     */
    public static List<String> createdByPerLayer(List<HistoryEntry> history, int layers) {
        List<String> out = new ArrayList<>();
        for (HistoryEntry h : history) {
            if (!h.emptyLayer() && out.size() < layers) {
                out.add(h.createdBy() == null ? "" : h.createdBy());
            }
        }
        while (out.size() < layers) {
            out.add("");
        }
        return out;
    }

    /** The comment of each layer's history entry ("Imported from -"), "" when none. */
    public static List<String> commentPerLayer(List<HistoryEntry> history, int layers) {
        List<String> out = new ArrayList<>();
        for (HistoryEntry h : history) {
            if (!h.emptyLayer() && out.size() < layers) {
                out.add(h.comment() == null ? "" : h.comment());
            }
        }
        while (out.size() < layers) {
            out.add("");
        }
        return out;
    }

    /**
     * How many bottom layers the base image made: those before the last CMD or ENTRYPOINT of the history
     * that another layer follows; the first layer alone when there is no such instruction.
     */
    public static int baseLayers(List<HistoryEntry> history, int layers) {
        if (layers == 0) {
            return 0;
        }
        int seen = 0;
        List<Integer> commands = new ArrayList<>();
        for (HistoryEntry h : history) {
            if (!h.emptyLayer()) {
                seen++;
            } else if (Instructions.isCommand(h.createdBy())) {
                commands.add(seen);
            }
        }
        for (int i = commands.size() - 1; i >= 0; i--) {
            int b = commands.get(i);
            if (b > 0 && b < seen) {
                return Math.min(b, layers);
            }
        }
        return 1;
    }
}
