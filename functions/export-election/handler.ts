import { api } from '../../shared/http/api.js';
import { exportElection, exportFormatOf } from '../../shared/use-cases/export-election.js';

export const handler = api({ access: { staff: 'viewer' } }, async (event) => {
  const file = await exportElection(
    event.ids.electionId ?? '',
    exportFormatOf(event.queryStringParameters?.format),
  );
  return {
    statusCode: 200,
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'cache-control': 'no-store',
    },
    body: file.body,
  };
});
