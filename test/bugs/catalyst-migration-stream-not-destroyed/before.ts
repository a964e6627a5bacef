// Reduced from decentraland/catalyst content/src/migrations/ContentFolderMigrationManager.ts before a79c6121 (Apache-2.0).
import { resolve } from 'path'
import { AppComponents } from '../../src/types'

export type ContentFolderMigrationComponents = Pick<AppComponents, 'logs' | 'env' | 'metrics' | 'storage' | 'fs'>

async function processFile(components: ContentFolderMigrationComponents, folder: string, file: string): Promise<void> {
  const fileName = resolve(folder, file)
  const fileStats = await components.fs.stat(fileName)

  if (fileStats.isDirectory()) {
    return
  }

  const stream = components.fs.createReadStream(fileName)

  if (!stream) {
    throw new Error(`Couldn\' t find the file ${file}`)
  }

  await components.storage.storeStream(file, stream)

  await components.fs.unlink(fileName)

  components.metrics.increment('dcl_files_migrated')
}

export { processFile }
