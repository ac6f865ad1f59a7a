package dev.nanobanana4j.testkit;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Real, decodable images for the simulator to serve: a gradient coloured by a seed text. */
public final class SampleImages {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private SampleImages() {}

  /**
   * Encodes a {@code width} x {@code height} image.
   *
   * @param format {@code png} or {@code jpeg}
   * @param seed text that picks the colours, such as the prompt
   */
  public static byte[] render(String format, int width, int height, String seed) {
    String imageIoFormat = format.equalsIgnoreCase("png") ? "png" : "jpeg";
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int hash = seed.hashCode();
    Color from = new Color(hash & 0xffffff);
    Color to = new Color(~hash & 0xffffff);
    Graphics2D g = image.createGraphics();
    try {
      g.setPaint(new GradientPaint(0, 0, from, width, height, to));
      g.fillRect(0, 0, width, height);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, imageIoFormat, out)) {
        throw new IllegalStateException("no ImageIO writer for " + imageIoFormat);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
