import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Inject,
  Logger,
  Optional,
} from '@nestjs/common';
import type { Metrics } from '../metrics/metrics.js';
import { METRICS } from '../tokens.js';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface Problem {
  status: number;
  code: string;
  message: { vi: string; en: string };
  details?: unknown;
  requestId?: string;
}

/** Error with a stable code and a message in both languages. */
export class AppError extends HttpException {
  constructor(status: number, code: string, vi: string, en: string, details?: unknown) {
    super({ status, code, message: { vi, en }, details } satisfies Problem, status);
  }
}

const GENERIC: Record<number, { code: string; vi: string; en: string }> = {
  400: { code: 'bad_request', vi: 'Yêu cầu không hợp lệ', en: 'Bad request' },
  401: { code: 'unauthorized', vi: 'Cần đăng nhập', en: 'Authentication required' },
  403: { code: 'forbidden', vi: 'Không có quyền', en: 'Forbidden' },
  404: { code: 'not_found', vi: 'Không tìm thấy', en: 'Not found' },
  413: { code: 'payload_too_large', vi: 'Dữ liệu gửi lên quá lớn', en: 'Payload too large' },
  415: {
    code: 'unsupported_media_type',
    vi: 'Định dạng dữ liệu không được hỗ trợ',
    en: 'Unsupported media type',
  },
  429: { code: 'too_many_requests', vi: 'Quá nhiều yêu cầu, thử lại sau', en: 'Too many requests' },
};

/** Every error leaves as a JSON problem with a reason; a stack trace never reaches a user. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(@Optional() @Inject(METRICS) private readonly metrics?: Metrics) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    let problem: Problem;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'object' && body !== null && 'code' in body && 'message' in body) {
        problem = body as Problem;
      } else {
        const g = GENERIC[status] ?? { code: `http_${status}`, vi: 'Lỗi', en: exception.message };
        problem = { status, code: g.code, message: { vi: g.vi, en: g.en } };
      }
    } else if (isFastifyClientError(exception)) {
      const status = exception.statusCode;
      const g = GENERIC[status] ?? GENERIC[400]!;
      problem = { status, code: g.code, message: { vi: g.vi, en: exception.message } };
    } else {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
      problem = {
        status: HttpStatus.INTERNAL_SERVER_ERROR,
        code: 'internal_error',
        message: { vi: 'Lỗi hệ thống, vui lòng thử lại sau', en: 'Internal error, please try again later' },
      };
    }
    problem.requestId = String(request.id);
    this.metrics?.refusals.labels(problem.code).inc();
    void reply
      .status(problem.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(problem);
  }
}

function isFastifyClientError(e: unknown): e is { statusCode: number; message: string } {
  return (
    typeof e === 'object' &&
    e !== null &&
    'statusCode' in e &&
    typeof (e as { statusCode: unknown }).statusCode === 'number' &&
    (e as { statusCode: number }).statusCode >= 400 &&
    (e as { statusCode: number }).statusCode < 500
  );
}
