package dev.nanobanana4j.core.port;

import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Fetches the bytes of an image URL a vendor gave: the transport behind {@code ImageDownloader},
 * which keeps the rest (limits, types, files). {@code nanobanana4j-spi} implements it on the same
 * OkHttp stack as the providers, and {@link java.util.ServiceLoader} finds that.
 *
 * <p>An implementation treats the URL as untrusted, by these rules:
 *
 * <ul>
 *   <li>only {@code https}, and plain {@code http} only to a private address that is allowed;
 *   <li>no loopback, private, link-local, metadata, wildcard or multicast address unless {@link
 *       Rules#allowPrivateAddresses()}; names are checked by every address they resolve to, when
 *       they are resolved for the connection;
 *   <li>redirects followed by hand within the URL's origin only, at most {@value #MAX_REDIRECTS},
 *       each hop checked again;
 *   <li>the exchange, body included, ends by {@link Rules#timeLeft()}, and a read that waits longer
 *       than {@link Rules#readTimeout()} fails.
 * </ul>
 */
public interface ImageFetcher {
  /** The most redirects followed. */
  int MAX_REDIRECTS = 5;

  /**
   * Opens the body of a {@code 200} answer to {@code GET url}; the caller reads and closes it.
   *
   * @throws dev.nanobanana4j.core.error.ProtocolException when the URL or a redirect is refused by
   *     the rules
   * @throws dev.nanobanana4j.core.error.ProviderUnavailableException when the connection fails, the
   *     time runs out, or the answer is not {@code 200}
   */
  Body open(URI url, Rules rules);

  /**
   * How one fetch is bounded.
   *
   * @param timeLeft until the whole exchange must end, body included
   * @param connectTimeout the longest wait for a connection
   * @param readTimeout the longest wait for any byte of the body
   * @param allowPrivateAddresses whether loopback and private addresses may be fetched from
   */
  record Rules(
      Duration timeLeft,
      Duration connectTimeout,
      Duration readTimeout,
      boolean allowPrivateAddresses) {
    /** Checks the durations are positive. */
    public Rules {
      for (Duration d : new Duration[] {timeLeft, connectTimeout, readTimeout}) {
        Objects.requireNonNull(d, "duration == null");
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("durations must be positive, was " + d);
        }
      }
    }
  }

  /** An answer's body, streamed. */
  interface Body extends AutoCloseable {
    /**
     * The bytes; a read fails with an {@link java.io.IOException} when a limit of the rules is
     * passed.
     */
    InputStream stream();

    /** Ends the exchange, releasing its connection. */
    @Override
    void close();
  }

  /**
   * Whether {@code address} is loopback, private (RFC 1918, unique local, carrier-grade NAT),
   * link-local (cloud metadata included), wildcard, "this network" or multicast.
   */
  static boolean isPrivate(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isSiteLocalAddress()
        || address.isLinkLocalAddress()
        || address.isAnyLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 || (first == 100 && second >= 64 && second <= 127); // this network, CGNAT
    }
    if (address instanceof Inet6Address) {
      return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
    }
    return false;
  }

  /**
   * Whether {@code host} is a private name ({@code localhost}, {@code *.localhost}, {@code
   * *.internal}, {@code *.local}) or resolves to any {@linkplain #isPrivate(InetAddress) private}
   * address now. A name that cannot be resolved is not private.
   */
  static boolean isPrivate(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    String lower = bare.toLowerCase(Locale.ROOT);
    if (lower.equals("localhost")
        || lower.endsWith(".localhost")
        || lower.endsWith(".internal")
        || lower.endsWith(".local")) {
      return true;
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(bare)) {
        if (isPrivate(address)) {
          return true;
        }
      }
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
    return false;
  }
}
