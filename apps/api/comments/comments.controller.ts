import { Body, Controller, Get, Headers, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { Declare } from '../common/openapi.js';
import { assignmentId, IdempotencyHeaders, idempotencyKey, text, unitCode } from '../common/schemas.js';
import { idempotencyKey as keyOf } from '../files/files.controller.js';
import { CommentsService } from './comments.service.js';

export const NewComment = z
  .object({
    text: text(4000),
    /** Units named with "@", by code (the picker sends them; people read names). */
    mentions: z.array(unitCode).max(20).default([]),
    requestId: idempotencyKey.optional(),
  })
  .strict();
const IdParams = z.object({ id: assignmentId }).strict();
const Comment = z.looseObject({ id: z.string(), text: z.string() });

@ApiTags('comments')
@Controller('assignments/:id')
export class CommentsController {
  constructor(@Inject(CommentsService) private readonly comments: CommentsService) {}

  @Declare({
    operationId: 'listComments',
    summary: 'Trao đổi về nhiệm vụ / The comment thread of an assignment',
    params: IdParams,
    responses: { 200: z.array(Comment) },
  })
  @Get('comments')
  list(@CurrentUser() p: Principal, @Param('id') id: string) {
    return this.comments.list(p, id);
  }

  @Declare({
    operationId: 'mentionableUnits',
    summary: 'Các đơn vị có thể nhắc đến (@) / Units a comment may name',
    params: IdParams,
    responses: { 200: z.array(z.object({ code: z.string(), name: z.string() })) },
  })
  @Get('mention-units')
  mentionable(@CurrentUser() p: Principal, @Param('id') id: string) {
    return this.comments.mentionable(p, id);
  }

  @Declare({
    operationId: 'addComment',
    summary: 'Thêm bình luận / Add a comment',
    params: IdParams,
    headers: IdempotencyHeaders,
    body: NewComment,
    responses: {
      200: {
        description: 'Đã có (gửi lại cùng khóa) / Already added (a retry with the same key)',
        json: Comment,
      },
      201: { description: 'Đã thêm / Added', json: Comment },
    },
    errors: [422],
  })
  @Post('comments')
  async add(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() b: z.output<typeof NewComment>,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { comment, created } = await this.comments.add(
      p,
      id,
      { text: b.text, mentions: b.mentions },
      b.requestId ?? keyOf(key, req),
      String(req.id),
    );
    void reply.status(created ? 201 : 200);
    return comment;
  }
}
