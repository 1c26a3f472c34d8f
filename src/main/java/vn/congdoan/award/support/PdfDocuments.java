package vn.congdoan.award.support;

import com.openhtmltopdf.extend.FSCacheEx;
import com.openhtmltopdf.extend.FSCacheValue;
import com.openhtmltopdf.extend.FSStream;
import com.openhtmltopdf.extend.FSStreamFactory;
import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * XHTML to PDF (A4 or whatever the document's {@code @page} says) with openhtmltopdf, in the DejaVu fonts,
 * which carry every Vietnamese letter and tone mark (ă â ê ô ơ ư đ, ả ã á ạ …) and are embedded (subset) in
 * each file. The document is tagged for PDF/UA: its {@code <title>} becomes the PDF's title and its
 * {@code lang} the PDF's language, so screen readers read it as Vietnamese.
 *
 * <p>A document never reaches anything outside itself: every external resource (image, style sheet, font,
 * embedded file, by any URL, {@code http:}, {@code file:}, {@code jar:} or a data URL alike) is refused before
 * and after its URI is resolved, the URI resolver resolves nothing and the stream factories of the usual
 * protocols open nothing. Style sheets are therefore inline and the fonts come from the classpath, read once.
 *
 * <p>The style sheets name the families {@value #SANS} (regular, bold, italic, bold italic) and
 * {@value #SERIF} (regular, bold, italic, bold italic); text in any other family would fall back to a font that is not embedded,
 * which PDF/UA forbids.
 */
@Component
public class PdfDocuments {
  public static final String SANS = "DejaVu Sans";
  public static final String SERIF = "DejaVu Serif";

  /** Where the jasperreports-fonts jar keeps the DejaVu TrueType files. */
  static final String FONT_DIRECTORY = "net/sf/jasperreports/fonts/dejavu/";

  private static final Logger log = LoggerFactory.getLogger(PdfDocuments.class);

  private record Face(String file, String family, int weight, FontStyle style, byte[] bytes) {}

  private final List<Face> faces;
  /** The fonts' metrics, which openhtmltopdf otherwise parses again from the font files for each document. */
  private final FSCacheEx<String, FSCacheValue> fontMetrics = new FSDefaultCacheStore();

  public PdfDocuments() {
    faces = List.of(face("DejaVuSans.ttf", SANS, 400, FontStyle.NORMAL),
        face("DejaVuSans-Bold.ttf", SANS, 700, FontStyle.NORMAL),
        face("DejaVuSans-Oblique.ttf", SANS, 400, FontStyle.ITALIC),
        face("DejaVuSans-BoldOblique.ttf", SANS, 700, FontStyle.ITALIC),
        face("DejaVuSerif.ttf", SERIF, 400, FontStyle.NORMAL),
        face("DejaVuSerif-Bold.ttf", SERIF, 700, FontStyle.NORMAL),
        face("DejaVuSerif-Italic.ttf", SERIF, 400, FontStyle.ITALIC),
        face("DejaVuSerif-BoldItalic.ttf", SERIF, 700, FontStyle.ITALIC));
    // openhtmltopdf's own logger writes to the console at INFO; its messages go to our logs instead
    XRLog.setLoggerImpl(new Slf4jXrLogger());
  }

  private static Face face(String file, String family, int weight, FontStyle style) {
    try (InputStream in = PdfDocuments.class.getClassLoader().getResourceAsStream(FONT_DIRECTORY + file)) {
      if (in == null) {
        throw new IllegalStateException("Font " + FONT_DIRECTORY + file + " is not on the classpath (jasperreports-fonts)");
      }
      return new Face(file, family, weight, style, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The PDF of a well-formed XHTML document (XML: every element closed, entities numeric), its style sheets
   * inline. A document that is not well-formed XML fails with openhtmltopdf's runtime exception.
   */
  public byte[] render(String xhtml) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    PdfRendererBuilder builder = new PdfRendererBuilder();
    for (Face f : faces) {
      builder.useFont(() -> new ByteArrayInputStream(f.bytes()), f.family(), f.weight(), f.style(), true);
    }
    builder.useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, fontMetrics);
    builder.usePdfUaAccessibility(true);
    builder.useExternalResourceAccessControl((uri, type) -> refused(uri), ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
    builder.useExternalResourceAccessControl((uri, type) -> refused(uri), ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
    builder.useUriResolver((base, uri) -> null);
    builder.useHttpStreamImplementation(NOTHING);
    builder.useProtocolsStreamImplementation(NOTHING, "http", "https", "file", "jar", "ftp", "classpath", "data");
    builder.withHtmlContent(xhtml, null);
    builder.toStream(out);
    try {
      builder.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static boolean refused(String uri) {
    log.debug("Refused to load {} into a PDF", uri);
    return false;
  }

  /** Opens nothing: what openhtmltopdf reads as "not found". */
  private static final FSStreamFactory NOTHING = url -> new FSStream() {
    @Override
    public InputStream getStream() {
      return null;
    }

    @Override
    public Reader getReader() {
      return null;
    }
  };

  /** openhtmltopdf's messages in our logs: its warnings and errors as warnings, the rest at debug. */
  static final class Slf4jXrLogger implements XRLogger {
    private static Logger logger(String where) {
      return LoggerFactory.getLogger(where == null ? "com.openhtmltopdf" : where);
    }

    private static boolean serious(Level level) {
      return level.intValue() >= Level.WARNING.intValue();
    }

    @Override
    public void log(String where, Level level, String msg) {
      log(where, level, msg, null);
    }

    @Override
    public void log(String where, Level level, String msg, Throwable th) {
      Logger logger = logger(where);
      if (serious(level)) {
        logger.warn(msg, th);
      } else {
        logger.debug(msg, th);
      }
    }

    @Override
    public void setLevel(String logger, Level level) {
      // the levels are the application's logging configuration's
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
      Logger logger = logger(diagnostic.getLogMessageId().getWhere());
      return serious(diagnostic.getLevel()) ? logger.isWarnEnabled() : logger.isDebugEnabled();
    }
  }
}
