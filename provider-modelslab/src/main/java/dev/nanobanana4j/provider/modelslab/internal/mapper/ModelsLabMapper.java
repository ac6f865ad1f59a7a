package dev.nanobanana4j.provider.modelslab.internal.mapper;

import dev.nanobanana4j.core.domain.AspectRatio;
import dev.nanobanana4j.core.domain.GeneratedImage;
import dev.nanobanana4j.core.domain.ImageInput;
import dev.nanobanana4j.core.domain.ImageRequest;
import dev.nanobanana4j.core.domain.JobHandle;
import dev.nanobanana4j.core.domain.JobStatus;
import dev.nanobanana4j.core.domain.Mode;
import dev.nanobanana4j.core.domain.Resolution;
import dev.nanobanana4j.core.domain.ResolvedRequest;
import dev.nanobanana4j.core.domain.VendorReport;
import dev.nanobanana4j.core.error.ErrorContext;
import dev.nanobanana4j.core.error.NanoBananaException;
import dev.nanobanana4j.core.port.ProviderConfig;
import dev.nanobanana4j.core.port.Secret;
import dev.nanobanana4j.provider.modelslab.internal.api.GenerateBody;
import dev.nanobanana4j.provider.modelslab.internal.api.GenerationResponse;
import dev.nanobanana4j.spi.ErrorBodyParser;
import dev.nanobanana4j.spi.ErrorMapping;
import dev.nanobanana4j.spi.FailureReasons;
import dev.nanobanana4j.spi.InlineImages;
import dev.nanobanana4j.spi.JsonValues;
import dev.nanobanana4j.spi.MalformedBodyException;
import dev.nanobanana4j.spi.ResultImages;
import dev.nanobanana4j.spi.Submission;
import dev.nanobanana4j.spi.TaskStates;
import dev.nanobanana4j.spi.VendorError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything ModelsLab does differently: the key in the body, width and height instead of a ratio
 * and a tier, three generation endpoints, answers that are already done or still processing, {@code
 * status: error} inside HTTP 200, and base64 output when asked for.
 */
public final class ModelsLabMapper {
  /** An {@code eta} above a day is not an estimate a poll schedule should follow. */
  private static final double MAX_ETA_SECONDS = 86_400;

  /** The handle attribute set when the output is base64 text rather than URLs. */
  public static final String BASE64 = "base64";

  /** The handle attribute holding the client's own submission key, sent as {@code track_id}. */
  public static final String TRACK_ID = "trackId";

  static final int MIN_SIDE = 1024;
  static final int MAX_SIDE = 2048;
  static final int STEP = 32;

  /** Reads the vendor's error bodies; must not throw ({@link ErrorBodyParser}). */
  public static final ErrorBodyParser ERRORS =
      ErrorBodyParser.json(GenerationResponse.class, ModelsLabMapper::readError);

  private final long maxInlineImageBytes;

  /** A mapper with the default inline image limit. */
  public ModelsLabMapper() {
    this(ProviderConfig.DEFAULT_MAX_INLINE_IMAGE_BYTES);
  }

  /** A mapper that reads base64 output of at most {@code maxInlineImageBytes} per image. */
  public ModelsLabMapper(long maxInlineImageBytes) {
    this.maxInlineImageBytes = maxInlineImageBytes;
  }

  /** {@code text2img}, {@code img2img} for one reference image, {@code multi_ref} for several. */
  public static String endpoint(ImageRequest request) {
    int refs = request.referenceImages().size();
    return refs == 0 ? "text2img" : refs == 1 ? "img2img" : "multi_ref";
  }

  /**
   * The width and height for a ratio at a resolution, within 1024–2048 and divisible by 32: 2K puts
   * the long side at 2048, 1K the short side at 1024. Empty when the ratio cannot fit.
   */
  public static Optional<int[]> dimensions(AspectRatio ratio, Resolution resolution) {
    int w = ratio.widthTerm();
    int h = ratio.heightTerm();
    int longTerm = Math.max(w, h);
    int shortTerm = Math.min(w, h);
    int longSide;
    int shortSide;
    if (resolution == Resolution.TWO_K) {
      longSide = MAX_SIDE;
      shortSide = roundToStep((double) MAX_SIDE * shortTerm / longTerm);
    } else if (resolution == Resolution.ONE_K) {
      shortSide = MIN_SIDE;
      longSide = roundToStep((double) MIN_SIDE * longTerm / shortTerm);
    } else {
      return Optional.empty();
    }
    if (shortSide < MIN_SIDE || longSide > MAX_SIDE) {
      return Optional.empty();
    }
    return Optional.of(w >= h ? new int[] {longSide, shortSide} : new int[] {shortSide, longSide});
  }

  private static int roundToStep(double value) {
    return (int) Math.round(value / STEP) * STEP;
  }

  /** The size rules ModelsLab's capabilities cannot express, in words a user can act on. */
  public static List<String> sizeViolations(ResolvedRequest request) {
    AspectRatio ratio = request.aspectRatio().orElse(AspectRatio.AUTO);
    if (ratio == AspectRatio.AUTO) {
      return List.of();
    }
    Resolution resolution = request.resolution();
    if (dimensions(ratio, resolution).isPresent()) {
      return List.of();
    }
    boolean fitsSomewhere =
        dimensions(ratio, Resolution.ONE_K).isPresent()
            || dimensions(ratio, Resolution.TWO_K).isPresent();
    return List.of(
        "aspect ratio "
            + ratio
            + (fitsSomewhere ? " at " + resolution : "")
            + " cannot fit modelslab's sizes: width and height must be 1024 to 2048 pixels and"
            + " divisible by 32, so the longer side can be at most twice the shorter");
  }

  /**
   * The body for {@code request}. ModelsLab's size is a width and a height, so a resolution fixes a
   * shape too: with an aspect ratio, the size is that ratio at the resolved resolution; without
   * one, a square at the resolved resolution for text to image (ModelsLab's own default, 2048, at
   * 2K), and for an edit nothing unless a resolution was asked for, since ModelsLab then keeps the
   * reference image's size.
   */
  public GenerateBody toBody(ResolvedRequest request, Secret key, String trackId) {
    Object refImage = null;
    List<String> urls = new ArrayList<>();
    for (ImageInput image : request.referenceImages()) {
      if (!(image instanceof ImageInput.Url url)) {
        throw new IllegalArgumentException("ModelsLab takes reference images as URLs only");
      }
      urls.add(url.uri().toString());
    }
    if (urls.size() == 1) {
      refImage = urls.get(0);
    } else if (urls.size() > 1) {
      refImage = urls;
    }
    Integer width = null;
    Integer height = null;
    AspectRatio ratio = request.aspectRatio().orElse(AspectRatio.AUTO);
    Map<String, Object> extras = request.extras();
    if (extras.containsKey(WIDTH)) {
      // The documented fields themselves, checked by extraViolations.
      width = Integer.valueOf(extras.get(WIDTH).toString().trim());
      height = Integer.valueOf(extras.get(HEIGHT).toString().trim());
    } else if (ratio != AspectRatio.AUTO) {
      int[] size =
          dimensions(ratio, request.resolution())
              .orElseThrow(
                  () -> new IllegalArgumentException("aspect ratio " + ratio + " does not fit"));
      width = size[0];
      height = size[1];
    } else if (request.mode() == Mode.TEXT_TO_IMAGE || request.request().resolution().isPresent()) {
      int side = request.resolution() == Resolution.ONE_K ? MIN_SIDE : MAX_SIDE;
      width = side;
      height = side;
    }
    return new GenerateBody(
        key.reveal(),
        request.prompt(),
        refImage,
        width,
        height,
        request.count(),
        request.seed().isPresent() ? request.seed().getAsLong() : null,
        request.negativePrompt().orElse(null),
        yesNo(request.extras().get("keep_original_aspect")),
        yesNo(request.extras().get("watermark")),
        yesNo(request.extras().get(BASE64)),
        trackId,
        // ModelsLab posts the result to "webhook" when the generation ends (docs-v2 webhooks).
        request.callbackUrl().map(Object::toString).orElse(null),
        number(extras.get(NOISE_SCALE_START)),
        number(extras.get(NOISE_SCALE_END)),
        number(extras.get(NOISE_CLIP_STD)),
        yesNo(extras.get(TEMP)));
  }

  /** The extra that sets {@code width} (with {@value #HEIGHT}) instead of a ratio. */
  public static final String WIDTH = "width";

  /** The extra that sets {@code height} (with {@value #WIDTH}). */
  public static final String HEIGHT = "height";

  /** The extras ModelsLab's img2img page documents that are numbers. */
  public static final String NOISE_SCALE_START = "noise_scale_start";

  /** See {@link #NOISE_SCALE_START}. */
  public static final String NOISE_SCALE_END = "noise_scale_end";

  /** See {@link #NOISE_SCALE_START}. */
  public static final String NOISE_CLIP_STD = "noise_clip_std";

  /** "Store in temporary directory": yes or no. */
  public static final String TEMP = "temp";

  /** The extra that sets the request's {@code track_id} instead of the client's own. */
  public static final String TRACK_ID_EXTRA = "track_id";

  /** Every extra the server takes. */
  public static final String[] EXTRAS = {
    BASE64,
    "watermark",
    "keep_original_aspect",
    WIDTH,
    HEIGHT,
    NOISE_SCALE_START,
    NOISE_SCALE_END,
    NOISE_CLIP_STD,
    TEMP,
    TRACK_ID_EXTRA
  };

  private static final java.util.regex.Pattern TRACK_ID_SHAPE =
      java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  /**
   * What is wrong with a request's extras, in words a user can act on: numbers that are not, a
   * width or height outside 1024–2048 or not divisible by 32, one without the other or with an
   * aspect ratio, a {@code track_id} that is not a plain token of at most 128 characters.
   */
  public static List<String> extraViolations(ImageRequest request) {
    Map<String, Object> extras = request.extras();
    List<String> out = new ArrayList<>();
    for (String name : List.of(NOISE_SCALE_START, NOISE_SCALE_END, NOISE_CLIP_STD)) {
      if (extras.containsKey(name) && number(extras.get(name)) == null) {
        out.add("extra " + name + " must be a number, not '" + extras.get(name) + "'");
      }
    }
    boolean width = extras.containsKey(WIDTH);
    boolean height = extras.containsKey(HEIGHT);
    if (width != height) {
      out.add("extras width and height go together: give both, or neither");
    } else if (width) {
      for (String name : List.of(WIDTH, HEIGHT)) {
        Integer side = integer(extras.get(name));
        if (side == null || side < MIN_SIDE || side > MAX_SIDE || side % 32 != 0) {
          out.add(
              "extra "
                  + name
                  + " must be 1024 to 2048 pixels and divisible by 32, not '"
                  + extras.get(name)
                  + "'");
        }
      }
      if (request.aspectRatio().filter(r -> r != AspectRatio.AUTO).isPresent()
          || request.resolution().isPresent()) {
        out.add("extras width and height set the size: leave out the aspect ratio and resolution");
      }
    }
    Object track = extras.get(TRACK_ID_EXTRA);
    if (track != null && !TRACK_ID_SHAPE.matcher(track.toString()).matches()) {
      out.add(
          "extra track_id must be 1 to 128 letters, digits, '.', '_', ':' or '-', not '"
              + track
              + "'");
    }
    return List.copyOf(out);
  }

  /** The request's own {@code track_id} extra, or {@code fallback}. */
  public static String trackId(ImageRequest request, String fallback) {
    Object track = request.extras().get(TRACK_ID_EXTRA);
    return track == null ? fallback : track.toString();
  }

  private static Double number(Object value) {
    if (value == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(value.toString().trim());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Integer integer(Object value) {
    try {
      return Integer.valueOf(value.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code yes} for {@code true} or {@code yes} (in any case), {@code no} otherwise. */
  public static String yesNo(Object value) {
    if (value == null) {
      return null;
    }
    String text = value.toString().toLowerCase(Locale.ROOT);
    return text.equals("true") || text.equals("yes") ? "yes" : "no";
  }

  /**
   * The handle of a submission ModelsLab accepted, whether it answered {@code success} at once or
   * {@code processing}. A refusal inside HTTP 200 ({@code status: error}) is thrown as the error it
   * describes: the vendor did not take the job.
   */
  public JobHandle toHandle(
      GenerationResponse response, String trackId, boolean base64, Submission submission) {
    String status = status(response);
    if (status.equals("error") || status.equals("failed")) {
      throw refusal(response, submission.context());
    }
    if (!status.equals("success") && !status.equals("processing")) {
      throw new MalformedBodyException("unknown status '" + response.status() + "'");
    }
    String id = JsonValues.text(response.id());
    if (id == null) {
      throw new MalformedBodyException("the answer has no id to fetch the result with");
    }
    return submission.handle(
        id, base64 ? Map.of(TRACK_ID, trackId, BASE64, "yes") : Map.of(TRACK_ID, trackId));
  }

  /** The status a fetch answer reports. */
  public JobStatus toStatus(GenerationResponse response, boolean base64, ErrorContext context) {
    switch (TaskStates.read(response.status())) {
      case QUEUED, RUNNING:
        // ModelsLab's "processing" covers both, with an eta.
        return running(response.eta());
      case SUCCEEDED:
        return new JobStatus.Succeeded(
            images(response.output(), base64),
            JsonValues.seconds(response.generationTime()),
            VendorReport.builder()
                .requestId(JsonValues.text(response.id()))
                .field("track_id", response.trackId())
                .build());
      case FAILED:
        String message = message(response);
        int httpStatus = statusFor(message);
        // A refused key, balance or rate limit is the call's error, not the job's.
        if (httpStatus == 401 || httpStatus == 402 || httpStatus == 403 || httpStatus == 429) {
          throw refusal(response, context);
        }
        return new JobStatus.Failed(
            FailureReasons.fromText(null, message),
            Optional.empty(),
            message == null ? "ModelsLab reported the generation failed" : message);
      default:
        return new JobStatus.Cancelled();
    }
  }

  /** Running, with the answer's {@code eta} (seconds left) as the estimate where it is usable. */
  private static JobStatus running(Double eta) {
    if (eta == null || eta.isNaN() || eta < 0 || eta > MAX_ETA_SECONDS) {
      return new JobStatus.Running();
    }
    return JobStatus.Running.endingIn(Duration.ofMillis(Math.round(eta * 1000)));
  }

  private List<GeneratedImage> images(List<Object> output, boolean base64) {
    if (output == null || output.isEmpty()) {
      throw new MalformedBodyException("a successful generation has no output");
    }
    List<GeneratedImage> images = new ArrayList<>();
    for (Object item : output) {
      if (!(item instanceof String text) || text.isBlank()) {
        throw new MalformedBodyException("output holds a value that is not text");
      }
      String value = text.trim();
      if (value.startsWith("http://") || value.startsWith("https://")) {
        images.add(ResultImages.fromUrl(value));
      } else if (base64) {
        images.add(InlineImages.decode(value, maxInlineImageBytes));
      } else {
        throw new MalformedBodyException("output holds neither a URL nor asked-for base64");
      }
    }
    return images;
  }

  /** An error answer inside HTTP 200, mapped as the HTTP status its message describes. */
  private static NanoBananaException refusal(GenerationResponse response, ErrorContext context) {
    String message = message(response);
    VendorError vendor = VendorError.of(null, message);
    Duration retryAfter =
        response.retryAfter() == null
            ? null
            : Duration.ofMillis((long) (response.retryAfter() * 1000));
    return ErrorMapping.forStatus(context, statusFor(message), vendor, retryAfter);
  }

  /**
   * The HTTP status ModelsLab's error-codes page gives for a message, for errors that arrive in a
   * 200 answer: "Invalid API key" 401, "Insufficient credits" 402, "premium subscription" 403,
   * "Rate limit exceeded" 429; anything else is a refused request, 400.
   */
  static int statusFor(String message) {
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (m.contains("api key")) {
      return 401;
    }
    if (m.contains("credit") || m.contains("balance")) {
      return 402;
    }
    if (m.contains("premium") || m.contains("subscription")) {
      return 403;
    }
    if (m.contains("rate limit")) {
      return 429;
    }
    return 400;
  }

  private static VendorError readError(int httpStatus, GenerationResponse error) {
    VendorError vendor = VendorError.of(null, message(error));
    return error.retryAfter() == null
        ? vendor
        : vendor.withRetryAfter(Duration.ofMillis((long) (error.retryAfter() * 1000)));
  }

  private static String status(GenerationResponse response) {
    if (response.status() == null || response.status().isBlank()) {
      throw new MalformedBodyException("the answer has no status");
    }
    return response.status().trim().toLowerCase(Locale.ROOT);
  }

  private static String message(GenerationResponse response) {
    return response.message() != null ? response.message() : response.messege();
  }
}
