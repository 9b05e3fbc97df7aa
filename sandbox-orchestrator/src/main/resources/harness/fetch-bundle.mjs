// PowerX Dev Hotload — the init step of a node sandbox pod (kubernetes driver, docs/sandbox-orchestrator.md).
// Fetches one bundle version's blobs from session-service with the service token into PX_BUNDLE_DIR, checking each
// hash. Runs in its own container before the harness, so the token never reaches the plugin's container.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const env = process.env;
const dir = path.resolve(env.PX_BUNDLE_DIR ?? '');
const files = JSON.parse(env.PX_BUNDLE_FILES ?? '[]');

for (const file of files) {
  const target = path.resolve(dir, file.path);
  if (path.isAbsolute(file.path) || !target.startsWith(dir + path.sep) || !/^[0-9a-f]{64}$/.test(file.sha256)) {
    throw new Error(`invalid bundle entry ${JSON.stringify(file)}`);
  }
  const headers = { 'X-Session-Id': env.PX_SANDBOX_SESSION ?? '' };
  if (env.PX_SERVICE_TOKEN) headers.Authorization = `Bearer ${env.PX_SERVICE_TOKEN}`;
  const response = await fetch(`${env.PX_SESSION_SERVICE_URL}/internal/dev/plugins/blobs/${file.sha256}`, { headers });
  if (!response.ok) throw new Error(`blob ${file.sha256} (${file.path}): HTTP ${response.status}`);
  const data = Buffer.from(await response.arrayBuffer());
  const actual = crypto.createHash('sha256').update(data).digest('hex');
  if (actual !== file.sha256) throw new Error(`blob ${file.sha256} arrived with content hash ${actual}`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, data);
}
console.log(`fetched ${files.length} files into ${dir}`);
