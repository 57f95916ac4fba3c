/**
 * The pages' one way to call the API: JSON in, JSON out, and the API's error body turned into an
 * `ApiError` whose message can be shown to a person as it is.
 */
import type { approvalRuleBody, ApprovalRuleDto, decisionBody, reopenBody } from '../api/reviews.schema.ts';
import type { z } from 'zod';
import type { CharacterEditedDto, EpisodeGraph, patchCharacterBody, patchSceneBody, regenerateStaleBody, SceneEditedDto, StaleRegenerationDto } from '../api/continuity.schema.ts';
import type { batchBody, BatchResultDto } from '../api/batch.schema.ts';
import type { closeChoiceBody, MadeTakesDto, makeTakesBody, TakeChoiceDto, voteBody } from '../api/take-choices.schema.ts';
import type { applyTemplateBody, createTemplateBody, TemplateAppliedDto, TemplateDto, TemplateListDto, TemplateScope } from '../api/templates.schema.ts';
import type { createInvitationBody, createShareLinkBody, deleteMemberBody, InvitationAcceptedDto, InvitationDto, InvitationInfoDto, loginBody, putMemberBody, MeDto, MemberDto, ShareInfoDto, ShareLinkDto, SignupInfoDto, signupBody, signupConfirmBody, SignupPendingDto, startGuestSessionBody } from '../api/auth.schema.ts';
import type {
  approveCharacterImageBody,
  AssetDto,
  budgetBody,
  CompilationDto,
  CharacterImageRequestDto,
  CharacterImagesDto,
  characterImageProposalBody,
  createEpisodeBody,
  EpisodeCostsDto,
  EpisodeDetailDto,
  EpisodeSummaryDto,
  ProvidersDto,
  qualityGateBody,
  QualityGateDto,
  SegmentDto,
} from '../api/episodes.schema.ts';
import type {
  approveBody,
  commentBody,
  CompileStartedDto,
  compileBody,
  GenerationRunDto,
  GenerationStartedDto,
  generateSegmentsBody,
  orderBody,
  pauseRunBody,
  regenerateBody,
  rejectBody,
  requestRegenerationBody,
  resumeRunBody,
  retryFailuresBody,
  ReviewTakeDto,
  rollbackBody,
  RunQueueDto,
  runQueueOrderBody,
  SegmentDetailDto,
} from '../api/segments.schema.ts';

import type {
  createNoteBody,
  editNoteBody,
  MentionableDto,
  NoteDto,
  NoteFilter,
  NoteHistoryDto,
  NoteListDto,
  noteProposalBody,
  NoteProposalDto,
  replyNoteBody,
  timecodeBody,
} from '../api/notes.schema.ts';
import type {
  ActivityFilterName,
  ActivityPageDto,
  InboxKindName,
  InboxPageDto,
  mailPreferencesBody,
  MailPreferencesDto,
  markReadBody,
} from '../api/activity.schema.ts';
import type { createWebhookBody, updateWebhookBody, WebhookDeliveryDto, WebhookDto } from '../api/webhooks.schema.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type Fetch = typeof fetch;

export async function apiRequest<T>(fetchFn: Fetch, path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  let response: Response;
  try {
    response = await fetchFn(`/api/v1${path}`, { ...init, headers });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached. Check your connection and try again.', null);
  }
  const body = (await response.json().catch(() => null)) as
    | (T & { error?: undefined })
    | { error: { code: string; message: string; details: unknown } }
    | null;
  if (!response.ok) {
    const error = body && 'error' in body && body.error ? body.error : undefined;
    throw new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? `The server answered ${response.status}.`, error?.details ?? null);
  }
  return body as T;
}

/**
 * The API's validation details as one message per field (`path` → message); messages about the
 * request as a whole are under the empty path.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {};
  const fields: Record<string, string> = {};
  for (const issue of error.details as { path?: unknown; message?: unknown }[]) {
    if (typeof issue?.message !== 'string') continue;
    const path = typeof issue.path === 'string' ? issue.path : '';
    fields[path] = fields[path] ? `${fields[path]}; ${issue.message}` : issue.message;
  }
  return fields;
}

type Body<T extends z.ZodType> = z.input<T>;

/** A query string of the values given (undefined and empty ones left out), with its `?`. */
function queryOf(values: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** What the activity feed is narrowed to, and which page of it. */
export interface ActivityRequest {
  kinds?: readonly ActivityFilterName[];
  person?: string | undefined;
  before?: number | undefined;
  after?: number | undefined;
  limit?: number;
}

/**
 * Every API call the pages make, one typed function each: paths are written here only, bodies
 * are typed by the request schemas the server validates with, answers by the presenters' DTOs.
 * Failures are `ApiError`s, as with `apiRequest`.
 */
export function apiClient(fetchFn: Fetch) {
  const get = <T>(path: string) => apiRequest<T>(fetchFn, path);
  const send = <T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
    apiRequest<T>(fetchFn, path, { method, ...(body !== undefined && { body: JSON.stringify(body) }) });
  /** A file as the raw body, its name in the query. */
  const upload = <T>(method: 'POST' | 'PUT', path: string, file: File) =>
    apiRequest<T>(fetchFn, `${path}${path.includes('?') ? '&' : '?'}filename=${encodeURIComponent(file.name)}`, {
      method,
      body: file,
      headers: { 'content-type': file.type || 'application/octet-stream' },
    });
  const episode = (id: string) => `/episodes/${encodeURIComponent(id)}`;
  const character = (episodeId: string, key: string) => `${episode(episodeId)}/characters/${encodeURIComponent(key)}`;
  const segment = (id: string) => `/segments/${encodeURIComponent(id)}`;
  const note = (id: string) => `/notes/${encodeURIComponent(id)}`;
  const share = (token: string) => `/share/${encodeURIComponent(token)}`;

  return {
    me: () => get<MeDto>('/me'),
    myEpisodes: () => get<{ episodes: EpisodeSummaryDto[] }>('/me/episodes'),
    myReviews: () => get<{ segments: ReviewTakeDto[] }>('/me/reviews'),
    providers: () => get<ProvidersDto>('/providers'),
    inbox: {
      list: (options: { unread?: boolean; before?: number | undefined; limit?: number } = {}) =>
        get<InboxPageDto & { revision: string }>(`/me/inbox${queryOf({ unread: options.unread ? 1 : undefined, before: options.before, limit: options.limit })}`),
      /** The unread count; with `since` (a revision) and `wait` (seconds), answered once it changes or the wait ends. */
      unread: (options: { since?: string | undefined; wait?: number } = {}, init: RequestInit = {}) =>
        apiRequest<{ unread: number; revision: string }>(fetchFn, `/me/inbox/unread${queryOf({ since: options.since, wait: options.wait })}`, init),
      markRead: (body: Body<typeof markReadBody>) => send<{ unread: number; marked: number }>('POST', '/me/inbox/read', body),
      accept: (id: number) => send<{ episode_id: string; role: string }>('POST', `/me/inbox/${encodeURIComponent(id)}/accept`),
      mailPreferences: () => get<MailPreferencesDto>('/me/mail-preferences'),
      setMailPreferences: (body: Body<typeof mailPreferencesBody>) => send<MailPreferencesDto>('PUT', '/me/mail-preferences', body),
    },
    unsubscribe: {
      describe: (token: string) => get<{ kind: InboxKindName; unsubscribed: boolean }>(`/unsubscribe/${encodeURIComponent(token)}`),
      confirm: (token: string) => send<{ kind: InboxKindName; unsubscribed: true }>('POST', `/unsubscribe/${encodeURIComponent(token)}`),
    },
    auth: {
      signupInfo: () => get<SignupInfoDto>('/auth/signup'),
      /** A `MeDto` when the account was made (201), a `SignupPendingDto` when the address is emailed a link first (202). */
      signUp: (body: Body<typeof signupBody>) => send<MeDto | SignupPendingDto>('POST', '/auth/signup', body),
      confirmSignUp: (body: Body<typeof signupConfirmBody>) => send<MeDto>('POST', '/auth/signup/confirm', body),
      logIn: (body: Body<typeof loginBody>) => send<MeDto>('POST', '/auth/login', body),
      logOut: () => send<unknown>('POST', '/auth/logout'),
    },
    episodes: {
      create: (body: Body<typeof createEpisodeBody>) => send<EpisodeDetailDto>('POST', '/episodes', body),
      get: (id: string) => get<EpisodeDetailDto>(episode(id)),
      costs: (id: string) => get<EpisodeCostsDto>(`${episode(id)}/costs`),
      remove: (id: string) => send<{ deleted: unknown }>('DELETE', episode(id)),
      generate: (id: string, body: Body<typeof generateSegmentsBody>) => send<GenerationStartedDto>('POST', `${episode(id)}/generate-segments`, body),
      cancelRun: (id: string) => send<GenerationRunDto | null>('POST', `${episode(id)}/generate-segments/cancel`, {}),
      pauseRun: (id: string, body: Body<typeof pauseRunBody> = {}) => send<GenerationRunDto>('POST', `${episode(id)}/generate-segments/pause`, body),
      resumeRun: (id: string, body: Body<typeof resumeRunBody> = {}) => send<GenerationRunDto>('POST', `${episode(id)}/generate-segments/resume`, body),
      runQueue: (id: string) => get<RunQueueDto>(`${episode(id)}/generate-segments/queue`),
      setRunQueue: (id: string, body: Body<typeof runQueueOrderBody>) => send<RunQueueDto>('PUT', `${episode(id)}/generate-segments/queue`, body),
      retryFailures: (id: string, body: Body<typeof retryFailuresBody>) => send<{ retried: number[] }>('POST', `${episode(id)}/generate-segments/retry`, body),
      setBudget: (id: string, body: Body<typeof budgetBody>) => send<{ budget_usd: number | null }>('PUT', `${episode(id)}/budget`, body),
      setQualityGate: (id: string, body: Body<typeof qualityGateBody>) => send<QualityGateDto>('PUT', `${episode(id)}/quality-gate`, body),
      setOrder: (id: string, body: Body<typeof orderBody>) => send<{ order: number[] }>('PUT', `${episode(id)}/order`, body),
      graph: (id: string) => get<EpisodeGraph>(`${episode(id)}/graph`),
      editCharacter: (id: string, key: string, body: Body<typeof patchCharacterBody>) =>
        send<CharacterEditedDto>('PATCH', `${episode(id)}/characters/${encodeURIComponent(key)}`, body),
      editScene: (id: string, number: number, body: Body<typeof patchSceneBody>) => send<SceneEditedDto>('PATCH', `${episode(id)}/scenes/${number}`, body),
      regenerateStale: (id: string, body: Body<typeof regenerateStaleBody> = {}) => send<StaleRegenerationDto>('POST', `${episode(id)}/generate-segments/stale`, body),
      /** One action on many cards, all or nothing; the answer says what happened to each. */
      batch: (id: string, body: Body<typeof batchBody>) => send<BatchResultDto>('POST', `${episode(id)}/batch`, body),
      members: (id: string) => get<{ members: MemberDto[] }>(`${episode(id)}/members`),
      activity: (id: string, request: ActivityRequest = {}) =>
        get<ActivityPageDto>(
          `${episode(id)}/activity${queryOf({ kind: request.kinds?.join(','), person: request.person, before: request.before, after: request.after, limit: request.limit })}`,
        ),
      setMemberRole: (id: string, body: Body<typeof putMemberBody>) => send<MemberDto>('PUT', `${episode(id)}/members`, body),
      removeMember: (id: string, body: Body<typeof deleteMemberBody>) => send<null>('DELETE', `${episode(id)}/members`, body),
      approvalRule: (id: string) => get<ApprovalRuleDto>(`${episode(id)}/approval-rule`),
      setApprovalRule: (id: string, body: Body<typeof approvalRuleBody>) => send<ApprovalRuleDto>('PUT', `${episode(id)}/approval-rule`, body),
      compile: (id: string, body: Body<typeof compileBody>) => send<CompileStartedDto>('POST', `${episode(id)}/compile`, body),
      music: (id: string) => get<{ assets: AssetDto[] }>(`${episode(id)}/assets`),
      uploadMusic: (id: string, file: File) => upload<AssetDto>('POST', `${episode(id)}/assets`, file),
      shareLinks: (id: string) => get<{ share_links: ShareLinkDto[] }>(`${episode(id)}/share-links`),
      createShareLink: (id: string, body: Body<typeof createShareLinkBody>) => send<ShareLinkDto & { url: string; token: string }>('POST', `${episode(id)}/share-links`, body),
      webhooks: (id: string) => get<{ webhooks: WebhookDto[] }>(`${episode(id)}/webhooks`),
      createWebhook: (id: string, body: Body<typeof createWebhookBody>) => send<WebhookDto & { secret: string }>('POST', `${episode(id)}/webhooks`, body),
    },
    characters: {
      images: (episodeId: string, key: string) => get<CharacterImagesDto>(`${character(episodeId, key)}/images`),
      requestImage: (episodeId: string, key: string, body: Body<typeof characterImageProposalBody>) =>
        send<CharacterImageRequestDto>('POST', `${character(episodeId, key)}/images`, body),
      chooseReference: (episodeId: string, key: string, body: Body<typeof approveCharacterImageBody>) =>
        send<{ character: string; reference_asset_id: string | null }>('POST', `${character(episodeId, key)}/reference/approve`, body),
      uploadReference: (episodeId: string, key: string, file: File) =>
        upload<{ character: string; reference_image: AssetDto }>('PUT', `${character(episodeId, key)}/reference`, file),
      clearReference: (episodeId: string, key: string) => send<{ character: string; reference_image: null }>('DELETE', `${character(episodeId, key)}/reference`),
    },
    segments: {
      get: (id: string) => get<SegmentDetailDto>(segment(id)),
      /** The take as the episode page lists it under its shot (`episode.shots[].segment`). */
      summary: (id: string) => get<SegmentDto>(`${segment(id)}/summary`),
      approve: (id: string, body: Body<typeof approveBody>) => send<SegmentDetailDto>('POST', `${segment(id)}/approve`, body),
      reject: (id: string, body: Body<typeof rejectBody>) => send<SegmentDetailDto>('POST', `${segment(id)}/reject`, body),
      decide: (id: string, body: Body<typeof decisionBody>) => send<SegmentDetailDto>('PUT', `${segment(id)}/decision`, body),
      withdrawDecision: (id: string) => send<SegmentDetailDto>('DELETE', `${segment(id)}/decision`),
      reopen: (id: string, body: Body<typeof reopenBody>) => send<SegmentDetailDto>('POST', `${segment(id)}/reopen`, body),
      requestRegeneration: (id: string, body: Body<typeof requestRegenerationBody>) => send<SegmentDetailDto>('POST', `${segment(id)}/request-regeneration`, body),
      comment: (id: string, body: Body<typeof commentBody>) => send<SegmentDetailDto>('POST', `${segment(id)}/comments`, body),
      regenerate: (id: string, body: Body<typeof regenerateBody>) => send<SegmentDetailDto>('POST', `${segment(id)}/regenerate`, body),
      rollback: (id: string, body: Body<typeof rollbackBody>) => send<SegmentDetailDto>('POST', `${segment(id)}/rollback`, body),
      cancelRender: (id: string) => send<SegmentDetailDto>('POST', `${segment(id)}/cancel-render`, {}),
    },
    notes: {
      list: (segmentId: string, filter?: NoteFilter) => get<NoteListDto>(`${segment(segmentId)}/notes${filter ? `?filter=${filter}` : ''}`),
      create: (segmentId: string, body: Body<typeof createNoteBody>) => send<NoteDto>('POST', `${segment(segmentId)}/notes`, body),
      propose: (segmentId: string, body: Body<typeof noteProposalBody>) => send<NoteProposalDto>('POST', `${segment(segmentId)}/notes/proposal`, body),
      reply: (id: string, body: Body<typeof replyNoteBody>) => send<NoteDto>('POST', `${note(id)}/replies`, body),
      edit: (id: string, body: Body<typeof editNoteBody>) => send<NoteDto>('PATCH', note(id), body),
      remove: (id: string) => send<NoteDto>('DELETE', note(id)),
      resolve: (id: string) => send<NoteDto>('POST', `${note(id)}/resolve`),
      reopen: (id: string) => send<NoteDto>('POST', `${note(id)}/reopen`),
      history: (id: string) => get<NoteHistoryDto>(`${note(id)}/history`),
      mentionable: (episodeId: string) => get<MentionableDto>(`${episode(episodeId)}/mentionable`),
      setTimecodeStart: (episodeId: string, body: Body<typeof timecodeBody>) => send<{ timecode_start_frame: number }>('PUT', `${episode(episodeId)}/timecode`, body),
    },
    compilations: {
      get: (id: string) => get<CompilationDto>(`/compilation-jobs/${encodeURIComponent(id)}`),
    },
    shareLinks: {
      revoke: (id: string) => send<ShareLinkDto>('DELETE', `/share-links/${encodeURIComponent(id)}`),
    },
    webhooks: {
      update: (id: string, body: Body<typeof updateWebhookBody>) => send<WebhookDto>('PATCH', `/webhooks/${encodeURIComponent(id)}`, body),
      remove: (id: string) => send<WebhookDto>('DELETE', `/webhooks/${encodeURIComponent(id)}`),
      deliveries: (id: string) => get<{ deliveries: WebhookDeliveryDto[] }>(`/webhooks/${encodeURIComponent(id)}/deliveries`),
      sendTest: (id: string) => send<{ event_id: string }>('POST', `/webhooks/${encodeURIComponent(id)}/test`),
    },
    invitations: {
      list: (episodeId: string) => get<{ invitations: InvitationDto[] }>(`${episode(episodeId)}/invitations`),
      create: (episodeId: string, body: Body<typeof createInvitationBody>) => send<InvitationDto & { url: string; token: string; emailed: boolean }>('POST', `${episode(episodeId)}/invitations`, body),
      revoke: (id: string) => send<InvitationDto>('DELETE', `/invitations/${encodeURIComponent(id)}`),
      info: (token: string) => get<InvitationInfoDto>(`/invitations/${encodeURIComponent(token)}`),
      accept: (token: string) => send<InvitationAcceptedDto>('POST', `/invitations/${encodeURIComponent(token)}/accept`, {}),
    },
    templates: {
      list: (episodeId: string) => get<TemplateListDto>(`${episode(episodeId)}/templates`),
      /** Saved in the episode, or with `account`, in the caller's own account. */
      create: (episodeId: string, scope: TemplateScope, body: Body<typeof createTemplateBody>) =>
        send<TemplateDto>('POST', scope === 'account' ? '/me/templates' : `${episode(episodeId)}/templates`, body),
      apply: (episodeId: string, templateId: string, body: Body<typeof applyTemplateBody>) =>
        send<TemplateAppliedDto>('POST', `${episode(episodeId)}/templates/${encodeURIComponent(templateId)}/apply`, body),
    },
    choices: {
      /** Asks for 1–4 new takes of the take's shot; two or more open a vote. */
      makeTakes: (segmentId: string, body: Body<typeof makeTakesBody>) => send<MadeTakesDto>('POST', `${segment(segmentId)}/takes`, body),
      get: (episodeId: string, choiceId: string) => get<TakeChoiceDto>(`${episode(episodeId)}/take-choices/${encodeURIComponent(choiceId)}`),
      vote: (episodeId: string, choiceId: string, body: Body<typeof voteBody>) => send<TakeChoiceDto>('PUT', `${episode(episodeId)}/take-choices/${encodeURIComponent(choiceId)}/vote`, body),
      withdrawVote: (episodeId: string, choiceId: string) => send<TakeChoiceDto>('DELETE', `${episode(episodeId)}/take-choices/${encodeURIComponent(choiceId)}/vote`),
      close: (episodeId: string, choiceId: string, body: Body<typeof closeChoiceBody>) => send<TakeChoiceDto>('POST', `${episode(episodeId)}/take-choices/${encodeURIComponent(choiceId)}/close`, body),
    },
    share: {
      info: (token: string) => get<ShareInfoDto>(share(token)),
      startSession: (token: string, body: Body<typeof startGuestSessionBody>) => send<MeDto>('POST', `${share(token)}/session`, body),
    },
  };
}

