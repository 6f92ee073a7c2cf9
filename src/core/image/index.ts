/** Image compression with the SVD: decode, split into channel matrices, truncate, measure, rebuild. */
export type { RgbaImage, ImageMode, ImageChannels, ChannelFactors, ImageFactors } from './types';
export { decodeImage, encodePng, MAX_IMAGE_PIXELS } from './codec';
export { toChannels, areaDownscale, LUMA_601 } from './channels';
export {
  compressImage, factorizeImage, measureCompression, storageFigures, psnrFromMse, cumulativeEnergy, energyRank,
  DEFAULT_K_MAX, type CompressionReport,
} from './compress';
export { reconstruct, rankOneLayers, type RankOneLayer } from './reconstruct';
export { deriveImage } from './derive';
export { imageCommand, DEFAULT_RANK, type ImageJson, type ImageCommandOptions } from './cli';
