package dev.nanobanana4j.spi;

import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.Operation;
import dev.nanobanana4j.core.error.ProtocolException;
import dev.nanobanana4j.core.error.ProviderUnavailableException;
import dev.nanobanana4j.core.port.ImageFetcher;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import okhttp3.Call;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The {@link ImageFetcher} on the providers' OkHttp stack: the same shared connection pool and
 * daemon threads, the same {@link HttpCustomizer}s (a proxy, TLS), and the rules of the port.
 * Private addresses are refused where the name is resolved for the connection, so a name cannot
 * resolve to a public address when checked and a private one when used.
 */
public final class OkHttpImageFetcher implements ImageFetcher {
  /** The id {@link HttpCustomizer}s see for image downloads. */
  public static final String CLIENT_ID = "image-downloads";

  private final OkHttpClient base;

  /** Made by {@link java.util.ServiceLoader}, or by hand. */
  public OkHttpImageFetcher() {
    this.base = ProviderHttp.customized(CLIENT_ID).build();
  }

  @Override
  public Body open(URI url, Rules rules) {
    OkHttpClient client =
        base.newBuilder()
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false)
            .connectTimeout(rules.connectTimeout())
            .readTimeout(rules.readTimeout())
            .callTimeout(rules.timeLeft())
            .dns(new CheckedDns(rules.allowPrivateAddresses()))
            .build();
    URI current = url;
    for (int hop = 0; ; hop++) {
      HttpUrl target = allowed(current, rules);
      Call call =
          client.newCall(
              new Request.Builder()
                  .url(target)
                  .header("User-Agent", ProviderHttp.USER_AGENT)
                  .get()
                  .build());
      Response response = execute(call, current);
      int status = response.code();
      if (status >= 300 && status <= 399) {
        String location = response.header("Location");
        response.close();
        current = redirect(url, current, location, status, hop);
        continue;
      }
      if (status != 200) {
        response.close();
        throw new ProviderUnavailableException(
            "image download answered HTTP " + status,
            context().withHttpStatus(status),
            false,
            null,
            null);
      }
      ResponseBody body = response.body();
      return new Body() {
        @Override
        public InputStream stream() {
          return body.byteStream();
        }

        @Override
        public void close() {
          response.close();
        }
      };
    }
  }

  private static Response execute(Call call, URI url) {
    try {
      return call.execute();
    } catch (RefusedAddress e) {
      throw refused(url, e.getMessage());
    } catch (IOException e) {
      throw new ProviderUnavailableException(
          "the image download failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
          context(),
          false,
          null,
          e);
    }
  }

  /** The next hop: within the first URL's origin, at most {@value #MAX_REDIRECTS} times. */
  private static URI redirect(URI first, URI current, String location, int status, int hop) {
    if (location == null || hop >= MAX_REDIRECTS) {
      throw new ProtocolException(
          location == null
              ? "the image URL answered HTTP " + status + " with no Location"
              : "the image URL redirected more than " + MAX_REDIRECTS + " times",
          context().withHttpStatus(status),
          null);
    }
    URI next;
    try {
      next = current.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(
          "the image URL redirected to an invalid URL", context().withHttpStatus(status), e);
    }
    if (!sameOrigin(first, next)) {
      throw new ProtocolException(
          "the image URL redirected to another origin ("
              + next.getScheme()
              + "://"
              + next.getHost()
              + "), which is not followed",
          context().withHttpStatus(status),
          null);
    }
    return next;
  }

  /**
   * The URL, if the rules allow it: {@code https}, or {@code http} to an allowed private address;
   * never a private name or address unless allowed (resolved names are checked again at connect).
   */
  private static HttpUrl allowed(URI url, Rules rules) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost();
    if (!scheme.equals("https") && !scheme.equals("http") || host == null || host.isEmpty()) {
      throw refused(url, "only https URLs are downloaded");
    }
    boolean internal = ImageFetcher.isPrivate(host);
    if (internal && !rules.allowPrivateAddresses()) {
      throw refused(
          url,
          "it points at a loopback, private, link-local or metadata address; the provider's base"
              + " URL is not such an address, so its images are not expected there");
    }
    if (scheme.equals("http") && !internal) {
      throw refused(url, "only https is downloaded from public addresses");
    }
    HttpUrl parsed = HttpUrl.parse(url.toString());
    if (parsed == null) {
      throw refused(url, "it is not a URL OkHttp can fetch");
    }
    return parsed;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme()))
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(String.valueOf(b.getHost()))
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0
        ? uri.getPort()
        : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static ProtocolException refused(URI url, String why) {
    return new ProtocolException(
        "refusing to download from " + url.getScheme() + "://" + url.getHost() + ": " + why,
        context(),
        null);
  }

  private static ErrorContext context() {
    return ErrorContext.of(null, Operation.DOWNLOAD);
  }

  @Override
  public String toString() {
    return "OkHttpImageFetcher";
  }

  /** Resolves names as the system does, and refuses private answers unless they are allowed. */
  private static final class CheckedDns implements Dns {
    private final boolean allowPrivate;

    CheckedDns(boolean allowPrivate) {
      this.allowPrivate = allowPrivate;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
      List<InetAddress> addresses = Dns.SYSTEM.lookup(hostname);
      if (!allowPrivate && addresses.stream().anyMatch(ImageFetcher::isPrivate)) {
        throw new RefusedAddress(
            "it resolves to a loopback, private, link-local or metadata address");
      }
      return addresses;
    }
  }

  /** A resolved address the rules refuse. */
  private static final class RefusedAddress extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    RefusedAddress(String message) {
      super(message);
    }
  }
}
