package dev.nanobanana4j.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws delay distributions as cumulative curves, one panel per spread: for each policy, the share
 * of jobs noticed within a given delay of their end. A curve further left and higher is better.
 * Plain {@code java.awt} in headless mode, so that the plot needs nothing beyond the JDK.
 */
final class DelayPlot {
  private static final int PANEL_WIDTH = 420;
  private static final int PANEL_HEIGHT = 320;
  private static final int MARGIN = 48;
  private static final double MAX_DELAY = 20;
  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728)};

  private DelayPlot() {}

  /** Writes a PNG with one panel per entry of {@code panels}, each holding the policies' runs. */
  static void write(List<List<PollScheduleLoad.Figures>> panels, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image =
        new BufferedImage(
            PANEL_WIDTH * panels.size(), PANEL_HEIGHT + 60, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int p = 0; p < panels.size(); p++) {
      panel(g, p * PANEL_WIDTH, panels.get(p));
    }
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private static void panel(Graphics2D g, int left, List<PollScheduleLoad.Figures> runs) {
    int x0 = left + MARGIN;
    int y0 = PANEL_HEIGHT - MARGIN;
    int width = PANEL_WIDTH - 2 * MARGIN + 20;
    int height = PANEL_HEIGHT - 2 * MARGIN;
    g.setColor(Color.BLACK);
    g.drawString(
        String.format(Locale.ROOT, "spread sigma %.1f", runs.get(0).sigma()), x0, MARGIN - 16);
    g.drawLine(x0, y0, x0 + width, y0);
    g.drawLine(x0, y0, x0, y0 - height);
    for (int s = 0; s <= MAX_DELAY; s += 5) {
      int x = x0 + (int) (width * s / MAX_DELAY);
      g.drawLine(x, y0, x, y0 + 4);
      g.drawString(s + " s", x - 8, y0 + 18);
    }
    for (int share = 0; share <= 100; share += 25) {
      int y = y0 - height * share / 100;
      g.drawLine(x0 - 4, y, x0, y);
      g.drawString(share + "%", x0 - 40, y + 4);
    }
    g.drawString("delay from a job's end to the client noticing it", x0, y0 + 34);
    g.setStroke(new BasicStroke(2f));
    for (int r = 0; r < runs.size(); r++) {
      PollScheduleLoad.Figures run = runs.get(r);
      g.setColor(COLORS[r % COLORS.length]);
      double[] delays = run.delays();
      int lastX = x0;
      int lastY = y0;
      for (int i = 0; i < delays.length; i++) {
        int x = x0 + (int) (width * Math.min(delays[i], MAX_DELAY) / MAX_DELAY);
        int y = y0 - (int) (height * (i + 1.0) / delays.length);
        g.drawLine(lastX, lastY, x, y);
        lastX = x;
        lastY = y;
      }
      g.drawString(
          String.format(
              Locale.ROOT,
              "%s: mean %.2f s, p95 %.2f s, %.2f polls",
              run.policy().startsWith("adaptive") ? "adaptive" : run.policy(),
              run.meanDelaySeconds(),
              run.p95DelaySeconds(),
              run.pollsPerJob()),
          x0,
          y0 + 52 + 16 * r);
    }
    g.setStroke(new BasicStroke(1f));
  }
}
