import { Body, Controller, Get, Headers, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { jsonSchema, ZodBody, ZodPipe } from '../common/zod.pipe.js';
import { AssignmentIdParam, idempotencyKey } from '../files/files.controller.js';
import { CommentsService } from './comments.service.js';

export const NewComment = z
  .object({
    text: z.string().trim().normalize('NFC').min(1).max(4000),
    /** Units named with "@", by code (the picker sends them; people read names). */
    mentions: z
      .array(
        z
          .string()
          .max(100)
          .regex(/^[a-z0-9_]+$/),
      )
      .max(20)
      .default([]),
    requestId: z
      .string()
      .regex(/^[\w.:-]{1,100}$/)
      .optional(),
  })
  .strict();

@ApiTags('comments')
@ApiBearerAuth()
@Controller('assignments/:id')
export class CommentsController {
  constructor(@Inject(CommentsService) private readonly comments: CommentsService) {}

  @Get('comments')
  @ApiOperation({ summary: 'Trao đổi về nhiệm vụ / The comment thread of an assignment' })
  list(@CurrentUser() p: Principal, @Param('id', new ZodPipe(AssignmentIdParam)) id: string) {
    return this.comments.list(p, id);
  }

  @Get('mention-units')
  @ApiOperation({ summary: 'Các đơn vị có thể nhắc đến (@) / Units a comment may name' })
  mentionable(@CurrentUser() p: Principal, @Param('id', new ZodPipe(AssignmentIdParam)) id: string) {
    return this.comments.mentionable(p, id);
  }

  @Post('comments')
  @ApiBody({ schema: jsonSchema(NewComment) })
  @ApiOperation({ summary: 'Thêm bình luận / Add a comment' })
  async add(
    @CurrentUser() p: Principal,
    @Param('id', new ZodPipe(AssignmentIdParam)) id: string,
    @Body(ZodBody(NewComment)) b: z.infer<typeof NewComment>,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { comment, created } = await this.comments.add(
      p,
      id,
      { text: b.text, mentions: b.mentions },
      b.requestId ?? idempotencyKey(key, req),
      String(req.id),
    );
    void reply.status(created ? 201 : 200);
    return comment;
  }
}
