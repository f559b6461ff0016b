package dev.imgdiff.cli.explore;

import dev.imgdiff.report.ImageReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Attributes;
import org.jline.terminal.MouseEvent;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * The explorer on a real terminal: raw mode and the alternate screen on the way in, each of them undone
 * on the way out (after q, Ctrl-C or an exception); keys and mouse wheel to actions; a redraw after each
 * key and on resize, of what changed only.
 */
public final class ExplorerApp {
    private final Terminal terminal;
    private final Explorer explorer;
    private final ExplorerScreen screen;
    private final Display display;

    private ExplorerApp(Terminal terminal, Explorer explorer, boolean color) {
        this.terminal = terminal;
        this.explorer = explorer;
        this.screen = new ExplorerScreen(color);
        this.display = new Display(terminal, true);
    }

    /**
     * Opens the system terminal and explores until the user quits.
     *
     * @return the exit code: 0, or 2 when there is no usable terminal
     */
    public static int run(List<ImageReport> images, List<String> names, boolean color, PrintWriter err)
            throws IOException {
        Explorer explorer = new Explorer(images, names);
        try (Terminal terminal = TerminalBuilder.builder().system(true).nativeSignals(true).dumb(true).build()) {
            Size size = terminal.getSize();
            if (Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())
                    || size.getColumns() <= 0 || size.getRows() <= 0) {
                err.println("imgdiff: explore needs an interactive terminal (this one cannot be driven: "
                        + terminal.getType() + ")");
                return 2;
            }
            new ExplorerApp(terminal, explorer, color).loop();
        }
        return 0;
    }

    private void loop() throws IOException {
        Attributes saved = terminal.enterRawMode();
        Attributes raw = terminal.getAttributes();
        // Ctrl-C arrives as a key, so that leaving always goes through the restoring path below.
        raw.setLocalFlags(EnumSet.of(Attributes.LocalFlag.ISIG), false);
        terminal.setAttributes(raw);
        Terminal.SignalHandler previousWinch = terminal.handle(Terminal.Signal.WINCH, s -> redraw(true));
        boolean mouse = false;
        try {
            terminal.puts(Capability.enter_ca_mode);
            terminal.puts(Capability.keypad_xmit);
            terminal.puts(Capability.cursor_invisible);
            mouse = terminal.trackMouse(Terminal.MouseTracking.Normal);
            terminal.flush();
            KeyMap<Explorer.Action> keys = keys();
            BindingReader reader = new BindingReader(terminal.reader());
            redraw(true);
            while (!explorer.quit()) {
                if (explorer.editingFilter()) {
                    editFilter(reader);
                } else {
                    Explorer.Action a = reader.readBinding(keys, null, true);
                    if (a == null) {
                        break;
                    }
                    if (a == Explorer.Action.MOUSE) {
                        a = mouseAction(reader.getLastBinding());
                        if (a == null) {
                            continue;
                        }
                    }
                    synchronized (this) {
                        explorer.apply(a);
                    }
                }
                redraw(false);
            }
        } finally {
            if (mouse) {
                terminal.trackMouse(Terminal.MouseTracking.Off);
            }
            terminal.puts(Capability.cursor_normal);
            terminal.puts(Capability.keypad_local);
            terminal.puts(Capability.exit_ca_mode);
            terminal.flush();
            terminal.setAttributes(saved);
            terminal.handle(Terminal.Signal.WINCH, previousWinch);
        }
    }

    /** A mouse sequence's prefix was read: the event says whether the wheel went up or down. */
    private Explorer.Action mouseAction(String prefix) {
        MouseEvent ev = terminal.readMouseEvent(prefix);
        if (ev.getType() != MouseEvent.Type.Wheel) {
            return null;
        }
        return ev.getButton() == MouseEvent.Button.WheelUp ? Explorer.Action.WHEEL_UP : Explorer.Action.WHEEL_DOWN;
    }

    private void editFilter(BindingReader reader) throws IOException {
        int c = reader.readCharacter();
        synchronized (this) {
            switch (c) {
                case -1, 3 -> explorer.apply(Explorer.Action.QUIT);
                case '\r', '\n' -> explorer.endFilter(true);
                case 27 -> {
                    if (reader.peekCharacter(40) == NonBlockingReader.READ_EXPIRED) {
                        explorer.endFilter(false);
                    } else {
                        // an escape sequence (an arrow key): not text
                        int next;
                        while ((next = reader.peekCharacter(10)) >= 0) {
                            reader.readCharacter();
                            if (Character.isLetter(next) || next == '~') {
                                break;
                            }
                        }
                    }
                }
                case 127, 8 -> explorer.eraseFilter();
                default -> {
                    if (c >= 32) {
                        // Keys already waiting (a paste, a fast typist) filter once, not once each.
                        StringBuilder typed = new StringBuilder().appendCodePoint(c);
                        int next;
                        while ((next = reader.peekCharacter(1)) >= 32 && next != 127) {
                            typed.appendCodePoint(reader.readCharacter());
                        }
                        explorer.typeFilter(typed.toString());
                    }
                }
            }
        }
    }

    private synchronized void redraw(boolean resized) {
        Size size = terminal.getSize();
        int rows = Math.max(1, size.getRows());
        int cols = Math.max(1, size.getColumns());
        if (resized) {
            display.clear();
            display.resize(rows, cols);
        }
        List<AttributedString> lines = screen.render(explorer, cols, rows);
        display.update(lines, size.cursorPos(rows - 1, 0));
        terminal.flush();
    }

    private KeyMap<Explorer.Action> keys() {
        KeyMap<Explorer.Action> k = new KeyMap<>();
        bind(k, Explorer.Action.UP, "k", KeyMap.key(terminal, Capability.key_up), "\033[A", "\033OA");
        bind(k, Explorer.Action.DOWN, "j", KeyMap.key(terminal, Capability.key_down), "\033[B", "\033OB");
        bind(k, Explorer.Action.LEFT, "h", KeyMap.key(terminal, Capability.key_left), "\033[D", "\033OD");
        bind(k, Explorer.Action.RIGHT, "l", KeyMap.key(terminal, Capability.key_right), "\033[C", "\033OC");
        bind(k, Explorer.Action.PAGE_UP, KeyMap.key(terminal, Capability.key_ppage), "\033[5~", KeyMap.ctrl('b'));
        bind(k, Explorer.Action.PAGE_DOWN, KeyMap.key(terminal, Capability.key_npage), "\033[6~", KeyMap.ctrl('f'));
        bind(k, Explorer.Action.TOP, "g", KeyMap.key(terminal, Capability.key_home), "\033[H", "\033[1~", "\033OH");
        bind(k, Explorer.Action.BOTTOM, "G", KeyMap.key(terminal, Capability.key_end), "\033[F", "\033[4~", "\033OF");
        bind(k, Explorer.Action.NEXT_PANE, "\t");
        bind(k, Explorer.Action.TOGGLE, " ", "\r", "\n");
        bind(k, Explorer.Action.EXPAND_ALL, "e", "+");
        bind(k, Explorer.Action.COLLAPSE_ALL, "z", "-");
        bind(k, Explorer.Action.CHANGES_ONLY, "c");
        bind(k, Explorer.Action.SORT, "s");
        bind(k, Explorer.Action.FILTER, "/");
        bind(k, Explorer.Action.LARGEST, "L");
        bind(k, Explorer.Action.HELP, "?");
        bind(k, Explorer.Action.QUIT, "q", "Q", KeyMap.ctrl('c'));
        // The mouse prefix; the event itself is read after it (see mouseAction).
        bind(k, Explorer.Action.MOUSE, org.jline.terminal.impl.MouseSupport.keys(terminal));
        k.setAmbiguousTimeout(40);
        return k;
    }

    private static void bind(KeyMap<Explorer.Action> k, Explorer.Action a, String... seqs) {
        for (String s : seqs) {
            if (s != null && !s.isEmpty()) {
                k.bind(a, s);
            }
        }
    }
}
