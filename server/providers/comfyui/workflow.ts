/**
 * ComfyUI workflows in API format ("Export (API)" in ComfyUI), and the values Dailies puts into
 * them. A workflow says where each value goes by markers in its nodes' titles (`_meta.title`,
 * set with "Title" on a node in ComfyUI); a title may carry several markers:
 *
 *   [dailies:prompt]       required; the text encoder of the positive prompt: sets `text`
 *                          (or `prompt`, `positive_prompt`) to the composed shot prompt.
 *   [dailies:seed]         required; a sampler or noise node: sets `seed` (or `noise_seed`).
 *   [dailies:output]       required, exactly one; the node that saves the video (SaveVideo,
 *                          VHS_VideoCombine…): its entry in the job's outputs is downloaded.
 *   [dailies:negative]     optional; the negative prompt's encoder. The request carries no negative
 *                          prompt, so the text is sent as the workflow's author wrote it; the marker
 *                          only has it checked.
 *   [dailies:size]         optional; sets `width` and `height`.
 *   [dailies:duration]     optional; sets whichever of these inputs the node has: the frame count
 *                          (`length`, `num_frames`, `video_frames`, `frame_count`) and the rate
 *                          (`frame_rate`, `fps`).
 *   [dailies:first_frame]  optional; a LoadImage node: `image` becomes the uploaded last frame of the
 *                          previous take. With no previous frame the node keeps its default image
 *                          and nothing is recorded as sent.
 *   [dailies:reference]    optional; LoadImage nodes for the characters' reference images, filled in
 *                          node-id order with the shot's characters in theirs; nodes left over keep
 *                          their default image.
 *
 * All marked nodes of a kind get the value (two samplers, two text encoders). Without size or
 * duration markers the workflow's own size and length are rendered.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

/** One node of an API-format workflow. Inputs are widget values or links (`[nodeId, outputIndex]`). */
export interface ComfyNode {
  class_type: string;
  inputs: Record<string, unknown>;
  _meta?: { title?: string };
}

/** An API-format workflow: node id → node. */
export type ComfyWorkflow = Record<string, ComfyNode>;

export const WORKFLOW_MARKERS = ['prompt', 'negative', 'seed', 'size', 'duration', 'first_frame', 'reference', 'output'] as const;
export type WorkflowMarker = (typeof WORKFLOW_MARKERS)[number];

const REQUIRED_MARKERS: WorkflowMarker[] = ['prompt', 'seed', 'output'];
const TEXT_INPUTS = ['text', 'prompt', 'positive_prompt'];
const NEGATIVE_INPUTS = ['text', 'negative_prompt', 'prompt'];
const SEED_INPUTS = ['seed', 'noise_seed'];
const FRAME_COUNT_INPUTS = ['length', 'num_frames', 'video_frames', 'frame_count'];
const FRAME_RATE_INPUTS = ['frame_rate', 'fps'];
/** Save nodes that write still images: a workflow ending in one makes no video. */
const IMAGE_ONLY_OUTPUTS = new Set(['SaveImage', 'PreviewImage', 'SaveAnimatedWEBP', 'SaveAnimatedPNG']);
/** Nodes that run sampling steps and report `progress` while they do; the job's progress is shared among them. */
const STEP_NODE = /sampler/i;
const NOT_STEP_NODE = /select|scheduler|sigmas/i;

/** A checked workflow and where its markers are. */
export interface MarkedWorkflow {
  /** The file name, for messages. */
  name: string;
  workflow: ComfyWorkflow;
  /** Marker → ids of the nodes carrying it, in node-id order. */
  nodes: Record<WorkflowMarker, string[]>;
  outputNode: string;
  /** Nodes that report sampling progress, in node-id order. */
  stepNodes: string[];
}

/** The values put into a workflow for one shot. */
export interface WorkflowValues {
  prompt: string;
  seed: number;
  width: number;
  height: number;
  frameCount: number;
  fps: number;
  /** The uploaded previous frame's name on the server (`subfolder/name`). */
  firstFrame?: string;
  /** Uploaded reference names, one per `[dailies:reference]` node at most. */
  references: string[];
}

const MARKER = /\[dailies:([a-z_]+)\]/gi;
const isLink = (value: unknown) => Array.isArray(value) && value.length === 2 && typeof value[0] === 'string';
const byNodeId = (a: string, b: string) => Number(a) - Number(b) || a.localeCompare(b);

/**
 * Frames rendered for a shot: at least `seconds` × `fps`, as 8n + 1, the lengths video latents
 * are built from (LTX-Video packs 8 frames per latent, Wan and HunyuanVideo 4; 8n + 1 suits both).
 */
export function frameCountFor(seconds: number, fps: number): number {
  const wanted = Math.max(1, Math.round(seconds * fps));
  return 8 * Math.ceil((wanted - 1) / 8) + 1;
}

/** Reads and checks a workflow file; throws an Error naming the file and what is wrong. */
export async function loadComfyWorkflow(path: string): Promise<MarkedWorkflow> {
  const name = basename(path);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new Error(`The ComfyUI workflow ${name} could not be read: ${(cause as Error).message}`, { cause });
  }
  return parseComfyWorkflow(json, name);
}

/** Checks an API-format workflow and finds its marked nodes; throws an Error naming the file and what to fix. */
export function parseComfyWorkflow(json: unknown, name: string): MarkedWorkflow {
  const fail: (problem: string) => never = (problem) => {
    throw new Error(`The ComfyUI workflow ${name} ${problem}`);
  };
  if (!json || typeof json !== 'object' || Array.isArray(json)) fail('is not a JSON object of nodes.');
  const record = json as Record<string, unknown>;
  if (Array.isArray(record.nodes) && 'links' in record) {
    fail('is in ComfyUI\'s UI format; save it with "Export (API)" (Workflow menu) and use that file.');
  }
  const workflow = record as ComfyWorkflow;
  const nodes = Object.fromEntries(WORKFLOW_MARKERS.map((marker) => [marker, [] as string[]])) as Record<WorkflowMarker, string[]>;
  const ids = Object.keys(workflow).sort(byNodeId);
  if (ids.length === 0) fail('has no nodes.');
  for (const id of ids) {
    const node = workflow[id] as ComfyNode | undefined;
    if (!node || typeof node !== 'object' || typeof node.class_type !== 'string' || !node.inputs || typeof node.inputs !== 'object') {
      return fail(`has a node ${id} without a class_type and inputs; is it an API-format export?`);
    }
    for (const match of (node._meta?.title ?? '').matchAll(MARKER)) {
      const marker = match[1]!.toLowerCase() as WorkflowMarker;
      if (!WORKFLOW_MARKERS.includes(marker)) {
        fail(`marks node ${id} with unknown marker ${match[0]}; known markers: ${WORKFLOW_MARKERS.map((m) => `[dailies:${m}]`).join(', ')}.`);
      }
      if (!nodes[marker].includes(id)) nodes[marker].push(id);
    }
  }
  for (const marker of REQUIRED_MARKERS) {
    if (nodes[marker].length === 0) fail(`has no node marked [dailies:${marker}]; add the marker to the title of ${describeMarker(marker)}.`);
  }
  if (nodes.output.length > 1) fail(`marks ${nodes.output.length} nodes [dailies:output] (${nodes.output.join(', ')}); mark only the one that saves the video.`);
  const outputNode = nodes.output[0]!;
  const outputClass = workflow[outputNode]!.class_type;
  if (IMAGE_ONLY_OUTPUTS.has(outputClass)) {
    fail(`marks node ${outputNode} (${outputClass}) [dailies:output], but it saves images, not a video; use SaveVideo or VHS_VideoCombine.`);
  }

  const where = (id: string) => `node ${id} (${workflow[id]!.class_type})`;
  // `one`: the first present input is set; `each`: every present one; `both`: all are needed.
  const need = (marker: WorkflowMarker, id: string, candidates: string[], kind: 'string' | 'number' | 'any', mode: 'one' | 'each' | 'both') => {
    const inputs = workflow[id]!.inputs;
    const present = candidates.filter((input) => input in inputs);
    if (present.length === 0 || (mode === 'both' && present.length < candidates.length)) {
      const missing = mode === 'both' ? candidates.filter((input) => !(input in inputs)) : candidates;
      fail(`marks ${where(id)} [dailies:${marker}], but it has no ${missing.join(mode === 'both' ? ' and no ' : ' or ')} input.`);
    }
    for (const input of mode === 'one' ? present.slice(0, 1) : present) {
      const value = inputs[input];
      if (isLink(value)) fail(`marks ${where(id)} [dailies:${marker}], but its ${input} input comes from another node; mark the node that holds the value.`);
      if (kind !== 'any' && typeof value !== kind) fail(`marks ${where(id)} [dailies:${marker}], but its ${input} input is not a ${kind}.`);
    }
  };
  for (const id of nodes.prompt) need('prompt', id, TEXT_INPUTS, 'string', 'one');
  for (const id of nodes.negative) need('negative', id, NEGATIVE_INPUTS, 'string', 'one');
  for (const id of nodes.seed) need('seed', id, SEED_INPUTS, 'number', 'one');
  for (const id of nodes.size) need('size', id, ['width', 'height'], 'number', 'both');
  for (const id of nodes.duration) need('duration', id, [...FRAME_COUNT_INPUTS, ...FRAME_RATE_INPUTS], 'number', 'each');
  for (const id of nodes.first_frame) need('first_frame', id, ['image'], 'any', 'one');
  for (const id of nodes.reference) need('reference', id, ['image'], 'any', 'one');

  const stepNodes = ids.filter((id) => STEP_NODE.test(workflow[id]!.class_type) && !NOT_STEP_NODE.test(workflow[id]!.class_type));
  return { name, workflow, nodes, outputNode, stepNodes };
}

function describeMarker(marker: WorkflowMarker): string {
  if (marker === 'prompt') return 'the positive prompt\'s text encoder (CLIPTextEncode)';
  if (marker === 'seed') return 'the sampler (KSampler, SamplerCustom) or noise node (RandomNoise)';
  return 'the node that saves the video (SaveVideo, VHS_VideoCombine)';
}

/** A deep copy of the workflow with the shot's values in its marked nodes; nothing else changes. */
export function fillComfyWorkflow(marked: MarkedWorkflow, values: WorkflowValues): ComfyWorkflow {
  const workflow = structuredClone(marked.workflow);
  const set = (id: string, candidates: string[], value: unknown, all = false) => {
    const inputs = workflow[id]!.inputs;
    const present = candidates.filter((input) => input in inputs);
    for (const input of all ? present : present.slice(0, 1)) inputs[input] = value;
  };
  for (const id of marked.nodes.prompt) set(id, TEXT_INPUTS, values.prompt);
  for (const id of marked.nodes.seed) set(id, SEED_INPUTS, values.seed);
  for (const id of marked.nodes.size) {
    set(id, ['width'], values.width);
    set(id, ['height'], values.height);
  }
  for (const id of marked.nodes.duration) {
    set(id, FRAME_COUNT_INPUTS, values.frameCount, true);
    set(id, FRAME_RATE_INPUTS, values.fps, true);
  }
  if (values.firstFrame !== undefined) for (const id of marked.nodes.first_frame) set(id, ['image'], values.firstFrame);
  marked.nodes.reference.forEach((id, index) => {
    const reference = values.references[index];
    if (reference !== undefined) set(id, ['image'], reference);
  });
  return workflow;
}
