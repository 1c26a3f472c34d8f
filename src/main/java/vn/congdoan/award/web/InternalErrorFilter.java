package vn.congdoan.award.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last word on server errors of the APIs ({@code /engine-rest/*}, {@code /camunda/api/*}, {@code /api/*}):
 * whatever answers with a status of 500 or more — Camunda's mappers of the webapps' own APIs (Cockpit,
 * Admin, Tasklist), the container, a filter — the body becomes {@link InternalErrors}' generic one, and an
 * exception that escapes every handler is logged under its reference. Answers that already carry a
 * reference ({@link InternalErrors#REFERENCE_HEADER}: the application's own handlers logged the exception)
 * pass unchanged.
 */
public class InternalErrorFilter implements Filter {
  private static final Logger LOG = LoggerFactory.getLogger(InternalErrorFilter.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
      chain.doFilter(req, res);
      return;
    }
    GuardedResponse guarded = new GuardedResponse(response);
    try {
      chain.doFilter(request, guarded);
      guarded.flushWriter();
    } catch (IOException | ServletException | RuntimeException e) {
      if (response.isCommitted()) {
        throw e; // nothing left to answer with (a client gone away, most often)
      }
      writeGeneric(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, InternalErrors.log(e));
      return;
    }
    if (guarded.masking()) {
      String reference = guarded.reference;
      if (reference == null) {
        reference = InternalErrors.newReference();
        LOG.error("{} {} answered {}; body replaced, reference {} (the exception is logged just before, if any)",
            request.getMethod(), request.getRequestURI(), guarded.status, reference);
      }
      writeGeneric(response, guarded.status, reference);
    }
  }

  private static void writeGeneric(HttpServletResponse response, int status, String reference) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    byte[] body = JSON.writeValueAsBytes(InternalErrors.body(reference));
    response.resetBuffer();
    response.setStatus(status);
    response.setHeader(InternalErrors.REFERENCE_HEADER, reference);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }

  /**
   * Holds back the body of an answer with a status of 500 or more that carries no reference; everything
   * else goes through. A {@code sendError} of 500 or more only sets the status, so that the container's
   * error page does not answer instead.
   */
  static final class GuardedResponse extends HttpServletResponseWrapper {
    int status = SC_OK;
    String reference;
    private ServletOutputStream stream;
    private PrintWriter writer;

    GuardedResponse(HttpServletResponse response) {
      super(response);
    }

    boolean masking() {
      return status >= 500 && reference == null;
    }

    /** What the application wrote through {@link #getWriter()} and left in its buffer. */
    void flushWriter() {
      if (writer != null) {
        writer.flush();
      }
    }

    @Override
    public void setStatus(int sc) {
      status = sc;
      super.setStatus(sc);
    }

    @Override
    public void sendError(int sc) throws IOException {
      sendError(sc, null);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
      if (sc >= 500) {
        setStatus(sc);
        return;
      }
      status = sc;
      super.sendError(sc, msg);
    }

    @Override
    public void setHeader(String name, String value) {
      noteReference(name, value);
      super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
      noteReference(name, value);
      super.addHeader(name, value);
    }

    private void noteReference(String name, String value) {
      if (InternalErrors.REFERENCE_HEADER.equalsIgnoreCase(name)) {
        reference = value;
      }
    }

    @Override
    public void setContentLength(int len) {
      if (!masking()) {
        super.setContentLength(len);
      }
    }

    @Override
    public void setContentLengthLong(long len) {
      if (!masking()) {
        super.setContentLengthLong(len);
      }
    }

    @Override
    public void flushBuffer() throws IOException {
      if (!masking()) {
        super.flushBuffer();
      }
    }

    @Override
    public void reset() {
      super.reset();
      status = SC_OK;
      reference = null;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (stream == null) {
        ServletOutputStream real = super.getOutputStream();
        stream = new ServletOutputStream() {
          @Override
          public void write(int b) throws IOException {
            if (!masking()) {
              real.write(b);
            }
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            if (!masking()) {
              real.write(b, off, len);
            }
          }

          @Override
          public void flush() throws IOException {
            if (!masking()) {
              real.flush();
            }
          }

          @Override
          public boolean isReady() {
            return real.isReady();
          }

          @Override
          public void setWriteListener(WriteListener listener) {
            real.setWriteListener(listener);
          }
        };
      }
      return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      if (writer == null) {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), charset));
      }
      return writer;
    }
  }
}
