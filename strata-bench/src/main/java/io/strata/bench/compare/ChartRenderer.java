package io.strata.bench.compare;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws the report's PNG charts with Java2D, headless: a line chart (ingest rate over time, one
 * line per server) and a grouped bar chart on a log scale (query latency per query, one bar per
 * server). Data is drawn without antialiasing, so every data pixel has its series' exact colour
 * (tests look for it); only text is smoothed.
 *
 * <pre>
 * ┌──────────────────────────────────────────┐
 * │ title                 ■ strata ■ prom ...│  legend at the top, outside the plot
 * │ y ┌──────────────────────────────────┐   │
 * │   │   plot area                      │   │
 * │   └──────────────────────────────────┘   │
 * │     x labels                             │
 * └──────────────────────────────────────────┘
 * </pre>
 */
final class ChartRenderer {
    static final int WIDTH = 1000;
    static final int HEIGHT = 420;
    /** Plot area: data is drawn only inside it. */
    static final int LEFT = 90;
    static final int RIGHT = 20;
    static final int TOP = 60;
    static final int BOTTOM = 80;
    private static final Color AXIS = new Color(60, 60, 60);
    private static final Color GRID = new Color(225, 225, 225);

    /** One line or one bar colour: a name for the legend and a value per x position (NaN: none). */
    record Series(String name, Color color, double[] values) {}

    private ChartRenderer() {}

    /** The fixed colour of a server in every chart. */
    static Color color(ServerKind kind) {
        return switch (kind) {
            case STRATA -> new Color(31, 119, 180);
            case PROMETHEUS -> new Color(214, 39, 40);
            case VICTORIAMETRICS -> new Color(44, 160, 44);
        };
    }

    /** Lines of {@code series} over x = 0, 1, 2, ... seconds, y from 0 to the largest value. */
    static BufferedImage lineChart(String title, String yLabel, String xLabel, List<Series> series) {
        BufferedImage image = blank();
        Graphics2D g = graphics(image);
        int n = 0;
        double max = 0;
        for (Series s : series) {
            n = Math.max(n, s.values().length);
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        max = max <= 0 ? 1 : niceCeiling(max);
        frame(g, title, yLabel, series);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            int y = TOP + plotH - (int) Math.round(plotH * v / max);
            gridLine(g, y, Numbers.value(v));
        }
        int xMax = Math.max(1, n - 1);
        int xStep = Math.max(1, (xMax + 4) / 5);
        for (int i = 0; i <= xMax; i += xStep) {
            int x = LEFT + (int) Math.round((double) plotW * i / xMax);
            text(g, Integer.toString(i), x, HEIGHT - BOTTOM + 18, true);
        }
        text(g, xLabel, LEFT + plotW / 2, HEIGHT - BOTTOM + 40, true);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setStroke(new BasicStroke(2f));
        for (Series s : series) {
            g.setColor(s.color());
            int prevX = -1;
            int prevY = -1;
            double[] v = s.values();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    prevX = -1;
                    continue;
                }
                int x = LEFT + (int) Math.round((double) plotW * i / xMax);
                int y = TOP + plotH - (int) Math.round(plotH * Math.min(v[i], max) / max);
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, x, y);
                } else {
                    g.fillRect(x - 1, y - 1, 3, 3);
                }
                prevX = x;
                prevY = y;
            }
        }
        axes(g);
        g.dispose();
        return image;
    }

    /**
     * Bars grouped by category, one bar per series in each group, on a log-10 y axis (latencies
     * span microseconds to seconds). Values at or below 0 and NaN get no bar.
     */
    static BufferedImage logBarChart(String title, String yLabel, List<String> categories, List<Series> series) {
        BufferedImage image = blank();
        Graphics2D g = graphics(image);
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v) && v > 0) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (max == 0) {
            min = 0.1;
            max = 1;
        }
        int lowExp = (int) Math.floor(Math.log10(min));
        int highExp = Math.max(lowExp + 1, (int) Math.ceil(Math.log10(max)));
        frame(g, title, yLabel, series);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        for (int e = lowExp; e <= highExp; e++) {
            int y = TOP + plotH - (int) Math.round(plotH * (double) (e - lowExp) / (highExp - lowExp));
            gridLine(g, y, Numbers.value(Math.pow(10, e)));
        }
        int groups = Math.max(1, categories.size());
        double groupW = (double) plotW / groups;
        int barW = Math.max(1, (int) (groupW * 0.8 / Math.max(1, series.size())));
        for (int c = 0; c < categories.size(); c++) {
            int groupX = LEFT + (int) Math.round(groupW * c + groupW * 0.1);
            text(g, categories.get(c), (int) Math.round(LEFT + groupW * (c + 0.5)), HEIGHT - BOTTOM + 18 + 14 * (c % 2), true);
            for (int s = 0; s < series.size(); s++) {
                double v = c < series.get(s).values().length ? series.get(s).values()[c] : Double.NaN;
                if (!Double.isFinite(v) || v <= 0) {
                    continue;
                }
                double fraction = (Math.log10(v) - lowExp) / (highExp - lowExp);
                int h = Math.max(1, (int) Math.round(plotH * fraction));
                g.setColor(series.get(s).color());
                g.fillRect(groupX + s * barW, TOP + plotH - h, Math.max(1, barW - 2), h);
            }
        }
        axes(g);
        g.dispose();
        return image;
    }

    static void write(BufferedImage image, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK [file=" + file + "]");
        }
    }

    private static BufferedImage blank() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.dispose();
        return image;
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return g;
    }

    /** Title, y label and legend (coloured squares above the plot, right-aligned). */
    private static void frame(Graphics2D g, String title, String yLabel, List<Series> series) {
        g.setColor(AXIS);
        g.setFont(g.getFont().deriveFont(Font.BOLD, 15f));
        g.drawString(title, LEFT, 25);
        g.setFont(g.getFont().deriveFont(Font.PLAIN, 12f));
        g.drawString(yLabel, 10, TOP - 12);
        FontMetrics fm = g.getFontMetrics();
        int x = WIDTH - RIGHT;
        for (int i = series.size() - 1; i >= 0; i--) {
            Series s = series.get(i);
            x -= fm.stringWidth(s.name()) + 8;
            g.setColor(AXIS);
            g.drawString(s.name(), x, 25);
            x -= 16;
            g.setColor(s.color());
            g.fillRect(x, 14, 12, 12);
            x -= 14;
        }
    }

    private static void gridLine(Graphics2D g, int y, String label) {
        g.setColor(GRID);
        g.drawLine(LEFT, y, WIDTH - RIGHT, y);
        g.setColor(AXIS);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(label, LEFT - 6 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
    }

    private static void axes(Graphics2D g) {
        g.setColor(AXIS);
        g.setStroke(new BasicStroke(1f));
        g.drawLine(LEFT, TOP, LEFT, HEIGHT - BOTTOM);
        g.drawLine(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
    }

    private static void text(Graphics2D g, String s, int x, int y, boolean centred) {
        g.setColor(AXIS);
        int w = centred ? g.getFontMetrics().stringWidth(s) / 2 : 0;
        g.drawString(s, x - w, y);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}: round gridline labels. */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
