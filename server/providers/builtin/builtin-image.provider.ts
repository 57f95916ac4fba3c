/**
 * The built-in image "model": paints the character as the animatic draws it (its colour, a figure
 * against a plain backdrop of the episode's palette), offline and free. Good enough to fix a look
 * while planning; a real image model replaces it through the providers file.
 */
import { join } from 'node:path';
import { paintScene } from '../../media/animatic-scene.ts';
import { writeCentrePng } from '../../media/still.ts';
import type { ImageProvider, ImageRequest, ImageResult } from '../image.types.ts';
import type { VideoRequest } from '../video.types.ts';

function portraitShot(request: ImageRequest): VideoRequest {
  const key = 'subject';
  return {
    episodeTitle: request.character.name,
    scene: { number: 1, heading: 'INT. STUDIO - DAY', location: 'studio', locationDescription: 'a plain backdrop', timeOfDay: 'day' },
    shot: { number: 1, prompt: request.prompt, camera: 'static', cameraNote: '', duration: 1, characterKeys: [key], dialogue: [] },
    characters: [{ key, name: request.character.name, description: request.character.description, visualTraits: request.character.visualTraits, color: request.character.color }],
    style: request.style,
    seed: request.seed,
    width: request.size,
    height: request.size,
    fps: 24,
  };
}

export function createBuiltinImageProvider(): ImageProvider {
  return {
    id: 'builtin',
    model: 'figure painter',
    description: 'Built-in figure painter: draws the character as the animatic does, offline and free',
    async generate(request, { workDir, signal }): Promise<ImageResult> {
      const scene = paintScene(portraitShot(request), request.size, request.size);
      const path = join(workDir, 'portrait.png');
      // The painted canvas is larger than the frame: keep its centre square.
      await writeCentrePng(scene.raster, request.size, request.size, path, { workDir, ...(signal ? { signal } : {}) });
      return { path, mimeType: 'image/png', provenance: { model: 'figure painter', prompt: request.prompt, seed: request.seed, costUsd: 0 } };
    },
  };
}
